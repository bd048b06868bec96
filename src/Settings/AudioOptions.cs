using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ensemble.Settings;

/// <summary>How each crop is normalised before the network, in training and in every backend (and inside the ONNX graph).</summary>
public enum CropNormalizationMode
{
    /// <summary>(x − mean) / (std + 1e-6) over each crop's mel bands × frames (Ensemble.Models.Inference.CropNormalization).</summary>
    PerCropStandardization,
}

/// <summary>
/// The one settings record: everything that decides what a model sees, shared by training, every runner, the ONNX
/// export, the checkpoint sidecar and the serving contracts (typed, not as JSON): decoding, log-mel, crop shape,
/// crop normalisation, TTA crop counts and the TTA seed. A model trained with one AudioOptions is served only with an
/// equal one: loaders compare the stored record and name the <see cref="Differences"/>.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AudioOptions
{
    public const int DefaultValidationTtaCrops = 5;
    public const int DefaultTestTtaCrops = 20;

    /// <summary>Seed of the per-clip TTA draws (SplitMixRandom.ForClip(clip name, seed)); the recipes' seed.</summary>
    public const int DefaultTtaSeed = 2019;

    public const CropNormalizationMode DefaultNormalization = CropNormalizationMode.PerCropStandardization;

    public static AudioOptions Default { get; } = new();

    [JsonConstructor]
    public AudioOptions(
        WavDecoderOptions? decoding = null,
        LogMelOptions? logMel = null,
        CropOptions? crop = null,
        int validationTtaCrops = DefaultValidationTtaCrops,
        int testTtaCrops = DefaultTestTtaCrops,
        int ttaSeed = DefaultTtaSeed,
        CropNormalizationMode normalization = DefaultNormalization)
    {
        Decoding = decoding ?? WavDecoderOptions.Default;
        LogMel = logMel ?? LogMelOptions.Default;
        Crop = crop ?? CropOptions.Default;
        var problems = new OptionProblems(nameof(AudioOptions));
        problems.Require(Decoding.TargetSampleRateHz == LogMel.SampleRateHz, nameof(Decoding),
            $"TargetSampleRateHz ({Decoding.TargetSampleRateHz?.ToString(CultureInfo.InvariantCulture) ?? "native"}) must equal LogMel.SampleRateHz ({LogMel.SampleRateHz})");
        problems.Require(Crop.StrengthMelBands <= LogMel.MelBands, nameof(Crop), $"StrengthMelBands ({Crop.StrengthMelBands}) exceeds LogMel.MelBands ({LogMel.MelBands})");
        problems.Require(validationTtaCrops > 0, nameof(ValidationTtaCrops), $"must be positive, got {validationTtaCrops}");
        problems.Require(testTtaCrops > 0, nameof(TestTtaCrops), $"must be positive, got {testTtaCrops}");
        problems.Require(Enum.IsDefined(normalization), nameof(Normalization), $"unknown normalisation {normalization}");
        problems.ThrowIfAny();
        ValidationTtaCrops = validationTtaCrops;
        TestTtaCrops = testTtaCrops;
        TtaSeed = ttaSeed;
        Normalization = normalization;
    }

    [Id(0)]
    public WavDecoderOptions Decoding { get; }

    [Id(1)]
    public LogMelOptions LogMel { get; }

    [Id(2)]
    public CropOptions Crop { get; }

    /// <summary>TTA crops per clip when scoring validation folds (RECIPE: 5).</summary>
    [Id(3)]
    public int ValidationTtaCrops { get; }

    /// <summary>TTA crops per clip at inference (RECIPE: 20).</summary>
    [Id(4)]
    public int TestTtaCrops { get; }

    [Id(5)]
    public int TtaSeed { get; }

    [Id(6)]
    public CropNormalizationMode Normalization { get; }

    /// <summary>Mel bands × frames of one crop: the input shape of every model trained with these settings.</summary>
    public (int MelBands, int Frames) CropShape => (LogMel.MelBands, Crop.CropWidthFrames);

    /// <summary>Everything that determines a cached log-mel: decoding + log-mel (not crops or TTA).</summary>
    public string FeatureHash() => LogMelOptions.HashOf($"{Decoding.CanonicalString()}|{LogMel.CanonicalString()}");

    /// <summary>16 hex digits over every field; equal options give equal hashes on every machine.</summary>
    public string StableHash() => LogMelOptions.HashOf(string.Create(CultureInfo.InvariantCulture,
        $"{Decoding.CanonicalString()}|{LogMel.CanonicalString()}|{Crop.CanonicalString()}|{TtaCanonicalString()}"));

    /// <summary>
    /// Each field whose value differs from <paramref name="expected"/>'s, as "Part.field: this vs expected" (empty when
    /// equal): what a loader reports when a model file was trained with other settings.
    /// </summary>
    public IReadOnlyList<string> Differences(AudioOptions expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var differences = new List<string>();
        Compare(nameof(Decoding), Decoding.CanonicalString(), expected.Decoding.CanonicalString(), differences);
        Compare(nameof(LogMel), LogMel.CanonicalString(), expected.LogMel.CanonicalString(), differences);
        Compare(nameof(Crop), Crop.CanonicalString(), expected.Crop.CanonicalString(), differences);
        Compare("Tta", TtaCanonicalString(), expected.TtaCanonicalString(), differences);
        return differences;
    }

    public string ToJson() => JsonSerializer.Serialize(this, EnsembleJson.Options);

    /// <summary>Parses JSON written by <see cref="ToJson"/>; unknown fields are errors, missing ones take the defaults.</summary>
    public static AudioOptions FromJson(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<AudioOptions>(json, EnsembleJson.Options) ?? throw new JsonException("audio options JSON is null");
        }
        catch (TargetInvocationException e) when (e.InnerException is ArgumentException inner)
        {
            throw new ArgumentException(inner.Message, inner.ParamName, inner);
        }
    }

    private string TtaCanonicalString() => string.Create(CultureInfo.InvariantCulture,
        $"tta/v1;tta_val={ValidationTtaCrops};tta_test={TestTtaCrops};seed={TtaSeed};normalization={Normalization}");

    private static void Compare(string part, string actual, string expected, List<string> differences)
    {
        var mine = Fields(actual);
        var theirs = Fields(expected);
        foreach (var key in mine.Keys.Union(theirs.Keys))
        {
            var a = mine.GetValueOrDefault(key, "(absent)");
            var b = theirs.GetValueOrDefault(key, "(absent)");
            if (a != b)
                differences.Add($"{part}.{key}: {a} vs {b}");
        }
    }

    private static Dictionary<string, string> Fields(string canonical) =>
        canonical.Split(';').Select(item => item.Split('=', 2)).ToDictionary(
            kv => kv.Length == 2 ? kv[0] : "version", kv => kv.Length == 2 ? kv[1] : kv[0], StringComparer.Ordinal);
}
