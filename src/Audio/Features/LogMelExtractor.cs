using Ensemble.Settings;
namespace Ensemble.Audio.Features;

/// <summary>
/// Log-mel spectrogram exactly as torchaudio MelSpectrogram + AmplitudeToDB('power', top_db): periodic Hann window,
/// centred frames with reflect padding, |rFFT|^power, sparse mel filters, 10·log10(max(x, amin)) − 10·log10(max(amin, ref)),
/// then everything below (max over the whole spectrogram − top_db) raised to that floor. Computed in double, returned as float.
/// Thread-safe: all scratch is per call.
/// </summary>
public sealed class LogMelExtractor
{
    private readonly RealFft _fft;
    private readonly MelFilterbank _filterbank;
    private readonly double[] _window;

    public LogMelExtractor(LogMelOptions? options = null)
    {
        Options = options ?? LogMelOptions.Default;
        _fft = new RealFft(Options.FftLengthSamples);
        _filterbank = new MelFilterbank(Options);
        _window = new double[Options.FftLengthSamples];
        for (var i = 0; i < _window.Length; i++)
            _window[i] = 0.5 - (0.5 * Math.Cos(2 * Math.PI * i / _window.Length));
    }

    public LogMelOptions Options { get; }

    /// <summary>Frames for a clip of <paramref name="sampleCount"/> samples: 1 + n / hop when centred (torchaudio's count).</summary>
    public int FrameCount(int sampleCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sampleCount);
        if (Options.Centered)
            return sampleCount == 0 ? 0 : 1 + (sampleCount / Options.HopLengthSamples);
        return sampleCount < Options.FftLengthSamples ? 0 : 1 + ((sampleCount - Options.FftLengthSamples) / Options.HopLengthSamples);
    }

    public LogMel Compute(AudioClip clip)
    {
        ArgumentNullException.ThrowIfNull(clip);
        if (clip.SampleRateHz != Options.SampleRateHz)
            throw new ArgumentException($"{clip.Source}: the clip is at {clip.SampleRateHz} Hz, these log-mel options expect {Options.SampleRateHz} Hz", nameof(clip));
        if (FrameCount(clip.Samples.Length) == 0)
            throw new AudioFormatException(clip.Source, $"{clip.Samples.Length} samples give no log-mel frame (n_fft {Options.FftLengthSamples}, centred: {Options.Centered})");
        return Compute(clip.Samples);
    }

    public LogMel Compute(ReadOnlySpan<float> samples)
    {
        var frames = FrameCount(samples.Length);
        if (frames == 0)
            throw new ArgumentException($"{samples.Length} samples give no frame (n_fft {Options.FftLengthSamples}, centred: {Options.Centered})", nameof(samples));
        var bands = Options.MelBands;
        var n = Options.FftLengthSamples;
        var pad = Options.Centered ? n / 2 : 0;
        var frame = new double[n];
        var spectrum = new double[_fft.Bins];
        var mel = new double[bands];
        var scratch = _fft.CreateScratch();
        var power = new double[bands * frames];

        for (var t = 0; t < frames; t++)
        {
            var start = (t * Options.HopLengthSamples) - pad;
            if (start >= 0 && start + n <= samples.Length)
            {
                var source = samples.Slice(start, n);
                for (var j = 0; j < n; j++)
                    frame[j] = source[j] * _window[j];
            }
            else
            {
                for (var j = 0; j < n; j++)
                    frame[j] = samples[Reflect(start + j, samples.Length)] * _window[j];
            }
            _fft.Spectrum(frame, spectrum, Options.Power, scratch);
            _filterbank.Apply(spectrum, mel);
            for (var m = 0; m < bands; m++)
                power[(m * frames) + t] = mel[m];
        }
        return new LogMel(ToDecibels(power), bands, frames);
    }

    private float[] ToDecibels(double[] power)
    {
        var amin = Options.DbAmin;
        var offset = 10 * Math.Log10(Math.Max(amin, Options.DbReference));
        var db = new double[power.Length];
        var max = double.NegativeInfinity;
        for (var i = 0; i < power.Length; i++)
        {
            db[i] = (10 * Math.Log10(Math.Max(power[i], amin))) - offset;
            max = Math.Max(max, db[i]);
        }
        var floor = Options.TopDb is { } topDb ? max - topDb : double.NegativeInfinity;
        var result = new float[power.Length];
        for (var i = 0; i < db.Length; i++)
            result[i] = (float)Math.Max(db[i], floor);
        return result;
    }

    /// <summary>numpy/torch 'reflect' index (edge not repeated), folding repeatedly so clips shorter than the pad work too.</summary>
    internal static int Reflect(int index, int length)
    {
        if (length == 1)
            return 0;
        var period = 2 * (length - 1);
        var folded = index % period;
        if (folded < 0)
            folded += period;
        return folded < length ? folded : period - folded;
    }
}
