using System.Globalization;
using Ensemble.Audio.Resampling;

namespace Ensemble.Audio.Augmentation;

/// <summary>
/// SoX's `pitch cents [segment-ms [search-ms [overlap-ms]]]`: a tempo change by 2^(−cents/1200) (WSOLA,
/// tempo.c's default profile: 82 ms segments, search 82/5.587 ms, overlap 82/6.833 ms) whose output SoX
/// relabels as rate/factor; the automatic `rate` effect then converts it back to the input rate, which
/// shifts the pitch and restores the duration. The rate step uses the decoder's resampling kernel
/// (<see cref="SincResampler"/>: a long linear-phase Kaiser sinc, like SoX's `rate`; its interpolated phase table for these ratios).
/// </summary>
public sealed class PitchEffect : ISoxEffect
{
    public const double DefaultSegmentMs = 82;
    public const double SearchDivisor = 5.587;
    public const double OverlapDivisor = 6.833;

    public PitchEffect(double cents, double? segmentMs = null, double? searchMs = null, double? overlapMs = null)
    {
        if (!double.IsFinite(cents))
            throw new ArgumentException("cents must be finite", nameof(cents));
        Cents = cents;
        // pitch.c hands tempo the factor printed with %g (6 significant digits); so does this.
        TempoFactor = double.Parse((1 / Math.Pow(2, cents / 1200)).ToString("G6", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        if (TempoFactor is < 0.1 or > 100)
            throw new ArgumentException($"cents {cents} gives tempo factor {TempoFactor}, outside SoX's [0.1, 100]", nameof(cents));
        SegmentMs = segmentMs ?? DefaultSegmentMs;
        OverlapMs = Math.Min(overlapMs ?? SegmentMs / OverlapDivisor, SegmentMs / 2);
        SearchMs = searchMs ?? SegmentMs / SearchDivisor;
        if (SegmentMs is < 10 or > 120)
            throw new ArgumentException("segment must be in [10, 120] ms", nameof(segmentMs));
        if (SearchMs is < 0 or > 30)
            throw new ArgumentException("search must be in [0, 30] ms", nameof(searchMs));
        if (OverlapMs is < 0 or > 30)
            throw new ArgumentException("overlap must be in [0, 30] ms", nameof(overlapMs));
    }

    public double Cents { get; }

    /// <summary>Tempo factor (> 1 faster): 2^(−cents/1200) rounded as SoX rounds it.</summary>
    public double TempoFactor { get; }
    public double SegmentMs { get; }
    public double SearchMs { get; }
    public double OverlapMs { get; }

    public double HeadroomFactor => 1;

    public float[] Apply(float[] samples, int sampleRateHz)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRateHz);
        if (TempoFactor == 1)
            return (float[])samples.Clone();
        var stretched = new WsolaTempo(sampleRateHz, TempoFactor, SegmentMs, SearchMs, OverlapMs).Process(samples);
        // SoX relabels the rate as rate / factor (not a whole number); the resampler takes whole rates, so both
        // are given in hundredths of a hertz, which keeps the ratio (and the duration) exact to 1e-7.
        const int Scale = 100;
        var relabelledRate = (int)Math.Round(sampleRateHz * (double)Scale / TempoFactor);
        var resampled = new SincResampler(relabelledRate, checked(sampleRateHz * Scale)).Process(stretched);
        for (var i = 0; i < resampled.Length; i++)
            resampled[i] = Math.Clamp(resampled[i], -1f, 1f);
        return resampled;
    }

    public string Describe() => string.Create(CultureInfo.InvariantCulture, $"pitch {Cents:+0.###;-0.###;0} {SegmentMs} {SearchMs:0.###} {OverlapMs:0.###}");
}
