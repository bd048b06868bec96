using Ensemble.Settings;

namespace Ensemble.Audio.Features;

/// <summary>
/// Where the mel bands of <see cref="LogMelOptions"/> sit in Hz: the bands + 2 equally spaced mel points of
/// torchaudio's melscale_fbanks. Band m rises from edge m, peaks at edge m + 1 and falls to edge m + 2. Shared by the
/// filterbank and by augmentations that act on a band by its frequency.
/// </summary>
public static class MelBandEdges
{
    /// <summary>The bands + 2 edge frequencies in Hz, ascending.</summary>
    public static double[] EdgesHz(LogMelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var bands = options.MelBands;
        var melMin = MelConversions.HzToMel(options.MinFrequencyHz, options.MelScale);
        var melMax = MelConversions.HzToMel(options.MaxFrequencyHz, options.MelScale);
        var edgesHz = new double[bands + 2];
        for (var i = 0; i < edgesHz.Length; i++)
            edgesHz[i] = MelConversions.MelToHz(melMin + ((melMax - melMin) * i / (bands + 1)), options.MelScale);
        return edgesHz;
    }

    /// <summary>Each band's centre (its triangle's peak) in Hz.</summary>
    public static double[] CentresHz(LogMelOptions options) => EdgesHz(options)[1..^1];

    /// <summary>
    /// How many FFT bins each band averages, at least 1: its triangle's equivalent width (half its base) over the bin
    /// spacing. Decides how much a band's noise power fluctuates from frame to frame.
    /// </summary>
    public static double[] BinsPerBand(LogMelOptions options)
    {
        var edges = EdgesHz(options);
        var binHz = (double)(options.SampleRateHz / 2) / (options.FftLengthSamples / 2); // integer Nyquist, as torchaudio
        var bins = new double[options.MelBands];
        for (var m = 0; m < bins.Length; m++)
            bins[m] = Math.Max(1, (edges[m + 2] - edges[m]) / 2 / binHz);
        return bins;
    }
}
