using System.Globalization;
using System.Text.Json.Serialization;
using System.Security.Cryptography;

namespace Ensemble.Settings;

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

/// <summary>Hz ↔ mel scale: Slaney (librosa's default, linear below 1 kHz, log above) or HTK (2595·log10(1 + f/700)).</summary>
public enum MelScale
{
    Slaney,
    Htk,
}

/// <summary>Filter normalisation: Slaney divides each triangle by its width in Hz (constant energy per band), None keeps peak 1.</summary>
public enum MelNorm
{
    Slaney,
    None,
}

/// <summary>
/// Log-mel parameters (RECIPE defaults), validated at construction. Equal to torchaudio's
/// MelSpectrogram(sample_rate, n_fft, hop_length, f_min, f_max, n_mels, power, norm, mel_scale) + AmplitudeToDB('power', top_db).
/// </summary>
[GenerateSerializer, Immutable]
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
        var problems = new OptionProblems(nameof(LogMelOptions));
        problems.Require(sampleRateHz > 0, nameof(SampleRateHz), $"must be positive, got {sampleRateHz}");
        problems.Require(fftLengthSamples >= 4 && fftLengthSamples % 2 == 0, nameof(FftLengthSamples), $"must be even and at least 4, got {fftLengthSamples}");
        problems.Require(hopLengthSamples > 0, nameof(HopLengthSamples), $"must be positive, got {hopLengthSamples}");
        problems.Require(melBands > 0, nameof(MelBands), $"must be positive, got {melBands}");
        problems.Require(minFrequencyHz >= 0 && double.IsFinite(minFrequencyHz), nameof(MinFrequencyHz), $"must be finite and non-negative, got {minFrequencyHz}");
        problems.Require(maxFrequencyHz > minFrequencyHz && maxFrequencyHz <= sampleRateHz / 2.0, nameof(MaxFrequencyHz),
            $"must be above MinFrequencyHz ({minFrequencyHz}) and at most the Nyquist frequency ({sampleRateHz / 2.0}), got {maxFrequencyHz}");
        problems.Require(Enum.IsDefined(window), nameof(Window), $"unknown window {window}");
        problems.Require(Enum.IsDefined(padMode), nameof(PadMode), $"unknown pad mode {padMode}");
        problems.Require(power > 0 && double.IsFinite(power), nameof(Power), $"must be positive and finite, got {power}");
        problems.Require(Enum.IsDefined(melScale), nameof(MelScale), $"unknown mel scale {melScale}");
        problems.Require(Enum.IsDefined(melNorm), nameof(MelNorm), $"unknown mel norm {melNorm}");
        problems.Require(dbReference > 0 && double.IsFinite(dbReference), nameof(DbReference), $"must be positive and finite, got {dbReference}");
        problems.Require(dbAmin > 0 && double.IsFinite(dbAmin), nameof(DbAmin), $"must be positive and finite, got {dbAmin}");
        problems.Require(topDb is null || (topDb >= 0 && double.IsFinite(topDb.Value)), nameof(TopDb), $"must be null or finite and non-negative, got {topDb}");
        problems.ThrowIfAny();
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

    [Id(0)]
    public int SampleRateHz { get; }
    [Id(1)]
    public int FftLengthSamples { get; }
    [Id(2)]
    public int HopLengthSamples { get; }
    [Id(3)]
    public int MelBands { get; }
    [Id(4)]
    public double MinFrequencyHz { get; }
    [Id(5)]
    public double MaxFrequencyHz { get; }
    [Id(6)]
    public WindowFunction Window { get; }
    [Id(7)]
    public bool Centered { get; }
    [Id(8)]
    public PadMode PadMode { get; }
    [Id(9)]
    public double Power { get; }
    [Id(10)]
    public MelScale MelScale { get; }
    [Id(11)]
    public MelNorm MelNorm { get; }
    [Id(12)]
    public double DbReference { get; }
    [Id(13)]
    public double DbAmin { get; }

    /// <summary>Dynamic range kept below the loudest value of the whole spectrogram; null keeps everything.</summary>
    [Id(14)]
    public double? TopDb { get; }

    /// <summary>Every field, in a fixed order and invariant formatting.</summary>
    public string CanonicalString() => string.Create(CultureInfo.InvariantCulture,
        $"logmel/v{AlgorithmVersion};sr={SampleRateHz};n_fft={FftLengthSamples};hop={HopLengthSamples};mels={MelBands};" +
        $"fmin={MinFrequencyHz:R};fmax={MaxFrequencyHz:R};window={Window};centered={Centered};pad={PadMode};power={Power:R};" +
        $"mel_scale={MelScale};norm={MelNorm};ref={DbReference:R};amin={DbAmin:R};top_db={(TopDb is { } t ? t.ToString("R", CultureInfo.InvariantCulture) : "none")}");

    /// <summary>16 hex digits of SHA-256 over <see cref="CanonicalString"/>: the same on every machine and run; keys feature caches.</summary>
    public string StableHash() => HashOf(CanonicalString());

    // The BCL call, not Ensemble.Audio.Files.Sha256: Settings sits below Audio, which references it.
    internal static string HashOf(string canonical) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(canonical)))[..16];
}
