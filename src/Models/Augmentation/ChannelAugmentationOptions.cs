using Ensemble.Settings;

namespace Ensemble.Models.Augmentation;

/// <summary>
/// What <see cref="ChannelAugmentation"/> draws from, per sample: a microphone/speaker colouring (FilterAugment's
/// linear mode, Nam et al. 2022: gains at random band boundaries, interpolated between them), a band limit (a low-pass
/// at a log-uniform cutoff, and half the time a high-pass too, each with a random slope) and additive noise at a
/// random SNR with a random spectral tilt. Each step has its own probability; all three are off by default.
/// </summary>
public sealed record ChannelAugmentationOptions
{
    public const double DefaultProbability = 0;
    public const double DefaultEqualizerMaxGainDb = 6;
    public const int DefaultEqualizerMinBoundaries = 3;
    public const int DefaultEqualizerMaxBoundaries = 6;
    public const double DefaultLowPassMinHz = 2000;
    public const double DefaultLowPassMaxHz = 16000;
    public const double DefaultHighPassProbability = 0.5;
    public const double DefaultHighPassMinHz = 100;
    public const double DefaultHighPassMaxHz = 600;
    public const double DefaultMinSlopeDbPerOctave = 24;
    public const double DefaultMaxSlopeDbPerOctave = 120;
    public const double DefaultNoiseMinSnrDb = 0;
    public const double DefaultNoiseMaxSnrDb = 30;
    /// <summary>0 is white, −3 pink, −6 brown noise.</summary>
    public const double DefaultNoiseMinTiltDbPerOctave = -6;
    public const double DefaultNoiseMaxTiltDbPerOctave = 0;

    public ChannelAugmentationOptions(
        double equalizerProbability = DefaultProbability,
        double bandLimitProbability = DefaultProbability,
        double noiseProbability = DefaultProbability,
        double equalizerMaxGainDb = DefaultEqualizerMaxGainDb,
        int equalizerMinBoundaries = DefaultEqualizerMinBoundaries,
        int equalizerMaxBoundaries = DefaultEqualizerMaxBoundaries,
        double lowPassMinHz = DefaultLowPassMinHz,
        double lowPassMaxHz = DefaultLowPassMaxHz,
        double highPassProbability = DefaultHighPassProbability,
        double highPassMinHz = DefaultHighPassMinHz,
        double highPassMaxHz = DefaultHighPassMaxHz,
        double minSlopeDbPerOctave = DefaultMinSlopeDbPerOctave,
        double maxSlopeDbPerOctave = DefaultMaxSlopeDbPerOctave,
        double noiseMinSnrDb = DefaultNoiseMinSnrDb,
        double noiseMaxSnrDb = DefaultNoiseMaxSnrDb,
        double noiseMinTiltDbPerOctave = DefaultNoiseMinTiltDbPerOctave,
        double noiseMaxTiltDbPerOctave = DefaultNoiseMaxTiltDbPerOctave)
    {
        var problems = new OptionProblems(nameof(ChannelAugmentationOptions));
        RequireProbability(problems, equalizerProbability, nameof(EqualizerProbability));
        RequireProbability(problems, bandLimitProbability, nameof(BandLimitProbability));
        RequireProbability(problems, noiseProbability, nameof(NoiseProbability));
        RequireProbability(problems, highPassProbability, nameof(HighPassProbability));
        problems.Require(equalizerMaxGainDb >= 0 && double.IsFinite(equalizerMaxGainDb), nameof(EqualizerMaxGainDb),
            $"must be finite and non-negative, got {equalizerMaxGainDb}");
        problems.Require(equalizerMinBoundaries >= 1 && equalizerMinBoundaries <= equalizerMaxBoundaries, nameof(EqualizerMinBoundaries),
            $"must satisfy 1 ≤ EqualizerMinBoundaries ≤ EqualizerMaxBoundaries, got {equalizerMinBoundaries}..{equalizerMaxBoundaries}");
        RequireRange(problems, lowPassMinHz, lowPassMaxHz, nameof(LowPassMinHz), "Hz");
        RequireRange(problems, highPassMinHz, highPassMaxHz, nameof(HighPassMinHz), "Hz");
        RequireRange(problems, minSlopeDbPerOctave, maxSlopeDbPerOctave, nameof(MinSlopeDbPerOctave), "dB/octave");
        problems.Require(double.IsFinite(noiseMinSnrDb) && double.IsFinite(noiseMaxSnrDb) && noiseMinSnrDb <= noiseMaxSnrDb,
            nameof(NoiseMinSnrDb), $"must be finite with NoiseMinSnrDb ≤ NoiseMaxSnrDb, got {noiseMinSnrDb}..{noiseMaxSnrDb}");
        problems.Require(double.IsFinite(noiseMinTiltDbPerOctave) && double.IsFinite(noiseMaxTiltDbPerOctave)
            && noiseMinTiltDbPerOctave <= noiseMaxTiltDbPerOctave, nameof(NoiseMinTiltDbPerOctave),
            $"must be finite with NoiseMinTiltDbPerOctave ≤ NoiseMaxTiltDbPerOctave, got {noiseMinTiltDbPerOctave}..{noiseMaxTiltDbPerOctave}");
        problems.ThrowIfAny();
        EqualizerProbability = equalizerProbability;
        BandLimitProbability = bandLimitProbability;
        NoiseProbability = noiseProbability;
        EqualizerMaxGainDb = equalizerMaxGainDb;
        EqualizerMinBoundaries = equalizerMinBoundaries;
        EqualizerMaxBoundaries = equalizerMaxBoundaries;
        LowPassMinHz = lowPassMinHz;
        LowPassMaxHz = lowPassMaxHz;
        HighPassProbability = highPassProbability;
        HighPassMinHz = highPassMinHz;
        HighPassMaxHz = highPassMaxHz;
        MinSlopeDbPerOctave = minSlopeDbPerOctave;
        MaxSlopeDbPerOctave = maxSlopeDbPerOctave;
        NoiseMinSnrDb = noiseMinSnrDb;
        NoiseMaxSnrDb = noiseMaxSnrDb;
        NoiseMinTiltDbPerOctave = noiseMinTiltDbPerOctave;
        NoiseMaxTiltDbPerOctave = noiseMaxTiltDbPerOctave;
    }

    public double EqualizerProbability { get; }
    public double BandLimitProbability { get; }
    public double NoiseProbability { get; }
    /// <summary>Each boundary's gain is uniform in ±this.</summary>
    public double EqualizerMaxGainDb { get; }
    /// <summary>Inner boundaries between the two ends of the mel axis; their count is uniform in [min, max].</summary>
    public int EqualizerMinBoundaries { get; }
    public int EqualizerMaxBoundaries { get; }
    /// <summary>The low-pass cutoff is log-uniform in [min, max] (8 and 16 kHz sources, telephone and laptop bands).</summary>
    public double LowPassMinHz { get; }
    public double LowPassMaxHz { get; }
    /// <summary>Chance, within a band limit, of a high-pass too; its cutoff is log-uniform in [min, max].</summary>
    public double HighPassProbability { get; }
    public double HighPassMinHz { get; }
    public double HighPassMaxHz { get; }
    /// <summary>Each filter's roll-off is uniform in [min, max] dB per octave beyond its cutoff.</summary>
    public double MinSlopeDbPerOctave { get; }
    public double MaxSlopeDbPerOctave { get; }
    /// <summary>Noise power relative to the crop's mean power, uniform in dB.</summary>
    public double NoiseMinSnrDb { get; }
    public double NoiseMaxSnrDb { get; }
    public double NoiseMinTiltDbPerOctave { get; }
    public double NoiseMaxTiltDbPerOctave { get; }

    /// <summary>Whether any step can change a crop.</summary>
    public bool Enabled => EqualizerProbability > 0 || BandLimitProbability > 0 || NoiseProbability > 0;

    private static void RequireProbability(OptionProblems problems, double p, string field) =>
        problems.Require(p is >= 0 and <= 1, field, $"must be in [0, 1], got {p}");

    private static void RequireRange(OptionProblems problems, double min, double max, string field, string unit) =>
        problems.Require(min > 0 && double.IsFinite(max) && min <= max, field, $"must satisfy 0 < min ≤ max {unit}, got {min}..{max}");
}
