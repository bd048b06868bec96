using System.Globalization;
using System.Text.Json.Serialization;
using Ensemble.Audio.Files;

namespace Ensemble.Audio.Features;

/// <summary>Analysis window; the recipe uses the periodic Hann window (torch.hann_window's default).</summary>
public enum WindowFunction
{
    Hann,
}

/// <summary>How centred frames are padded at the clip's ends; Reflect mirrors without repeating the edge sample (torch/numpy 'reflect').</summary>
public enum PadMode
{
    Reflect,
}

/// <summary>
/// Log-mel parameters (RECIPE defaults), validated at construction. Equal to torchaudio's
/// MelSpectrogram(sample_rate, n_fft, hop_length, f_min, f_max, n_mels, power, norm, mel_scale) + AmplitudeToDB('power', top_db).
/// </summary>
public sealed record LogMelOptions
{
    public const int DefaultSampleRateHz = 44100;
    public const int DefaultFftLengthSamples = 2560;
    public const int DefaultHopLengthSamples = 694;
    public const int DefaultMelBands = 128;
    public const double DefaultMinFrequencyHz = 20;
    public const double DefaultMaxFrequencyHz = 22050;
    public const WindowFunction DefaultWindow = WindowFunction.Hann;
    public const bool DefaultCentered = true;
    public const PadMode DefaultPadMode = PadMode.Reflect;
    public const double DefaultPower = 2;
    public const MelScale DefaultMelScale = MelScale.Slaney;
    public const MelNorm DefaultMelNorm = MelNorm.Slaney;
    public const double DefaultDbReference = 1.0;
    public const double DefaultDbAmin = 1e-10;
    public const double DefaultTopDb = 80;

    /// <summary>Bumped when the computation changes in a way the fields do not show, so feature caches are invalidated.</summary>
    public const int AlgorithmVersion = 1;

    public static LogMelOptions Default { get; } = new();

    [JsonConstructor]
    public LogMelOptions(
        int sampleRateHz = DefaultSampleRateHz,
        int fftLengthSamples = DefaultFftLengthSamples,
        int hopLengthSamples = DefaultHopLengthSamples,
        int melBands = DefaultMelBands,
        double minFrequencyHz = DefaultMinFrequencyHz,
        double maxFrequencyHz = DefaultMaxFrequencyHz,
        WindowFunction window = DefaultWindow,
        bool centered = DefaultCentered,
        PadMode padMode = DefaultPadMode,
        double power = DefaultPower,
        MelScale melScale = DefaultMelScale,
        MelNorm melNorm = DefaultMelNorm,
        double dbReference = DefaultDbReference,
        double dbAmin = DefaultDbAmin,
        double? topDb = DefaultTopDb)
    {
        Require(sampleRateHz > 0, nameof(SampleRateHz), $"must be positive, got {sampleRateHz}");
        Require(fftLengthSamples >= 4 && fftLengthSamples % 2 == 0, nameof(FftLengthSamples), $"must be even and at least 4, got {fftLengthSamples}");
        Require(hopLengthSamples > 0, nameof(HopLengthSamples), $"must be positive, got {hopLengthSamples}");
        Require(melBands > 0, nameof(MelBands), $"must be positive, got {melBands}");
        Require(minFrequencyHz >= 0 && double.IsFinite(minFrequencyHz), nameof(MinFrequencyHz), $"must be finite and non-negative, got {minFrequencyHz}");
        Require(maxFrequencyHz > minFrequencyHz && maxFrequencyHz <= sampleRateHz / 2.0, nameof(MaxFrequencyHz),
            $"must be above MinFrequencyHz ({minFrequencyHz}) and at most the Nyquist frequency ({sampleRateHz / 2.0}), got {maxFrequencyHz}");
        Require(Enum.IsDefined(window), nameof(Window), $"unknown window {window}");
        Require(Enum.IsDefined(padMode), nameof(PadMode), $"unknown pad mode {padMode}");
        Require(power > 0 && double.IsFinite(power), nameof(Power), $"must be positive and finite, got {power}");
        Require(Enum.IsDefined(melScale), nameof(MelScale), $"unknown mel scale {melScale}");
        Require(Enum.IsDefined(melNorm), nameof(MelNorm), $"unknown mel norm {melNorm}");
        Require(dbReference > 0 && double.IsFinite(dbReference), nameof(DbReference), $"must be positive and finite, got {dbReference}");
        Require(dbAmin > 0 && double.IsFinite(dbAmin), nameof(DbAmin), $"must be positive and finite, got {dbAmin}");
        Require(topDb is null || (topDb >= 0 && double.IsFinite(topDb.Value)), nameof(TopDb), $"must be null or finite and non-negative, got {topDb}");
        SampleRateHz = sampleRateHz;
        FftLengthSamples = fftLengthSamples;
        HopLengthSamples = hopLengthSamples;
        MelBands = melBands;
        MinFrequencyHz = minFrequencyHz;
        MaxFrequencyHz = maxFrequencyHz;
        Window = window;
        Centered = centered;
        PadMode = padMode;
        Power = power;
        MelScale = melScale;
        MelNorm = melNorm;
        DbReference = dbReference;
        DbAmin = dbAmin;
        TopDb = topDb;
    }

    public int SampleRateHz { get; }
    public int FftLengthSamples { get; }
    public int HopLengthSamples { get; }
    public int MelBands { get; }
    public double MinFrequencyHz { get; }
    public double MaxFrequencyHz { get; }
    public WindowFunction Window { get; }
    public bool Centered { get; }
    public PadMode PadMode { get; }
    public double Power { get; }
    public MelScale MelScale { get; }
    public MelNorm MelNorm { get; }
    public double DbReference { get; }
    public double DbAmin { get; }

    /// <summary>Dynamic range kept below the loudest value of the whole spectrogram; null keeps everything.</summary>
    public double? TopDb { get; }

    /// <summary>Every field, in a fixed order and invariant formatting.</summary>
    public string CanonicalString() => string.Create(CultureInfo.InvariantCulture,
        $"logmel/v{AlgorithmVersion};sr={SampleRateHz};n_fft={FftLengthSamples};hop={HopLengthSamples};mels={MelBands};" +
        $"fmin={MinFrequencyHz:R};fmax={MaxFrequencyHz:R};window={Window};centered={Centered};pad={PadMode};power={Power:R};" +
        $"mel_scale={MelScale};norm={MelNorm};ref={DbReference:R};amin={DbAmin:R};top_db={(TopDb is { } t ? t.ToString("R", CultureInfo.InvariantCulture) : "none")}");

    /// <summary>16 hex digits of SHA-256 over <see cref="CanonicalString"/>: the same on every machine and run; keys feature caches.</summary>
    public string StableHash() => HashOf(CanonicalString());

    internal static string HashOf(string canonical) =>
        Sha256.OfText(canonical)[..16];

    private static void Require(bool condition, string field, string problem)
    {
        if (!condition)
            throw new ArgumentException($"LogMelOptions.{field} {problem}", field);
    }
}
