using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Ensemble.Audio.Crops;
using Ensemble.Audio.Decoding;
using Ensemble.Audio.Features;

namespace Ensemble.Audio;

/// <summary>
/// The one audio front-end configuration shared by training and serving: decoding, log-mel, crops and TTA counts.
/// A model trained with one AudioOptions must be served with an equal one; <see cref="StableHash"/> makes that checkable.
/// </summary>
public sealed record AudioOptions
{
    public const int DefaultValidationTtaCrops = 5;
    public const int DefaultTestTtaCrops = 20;

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
    };

    public static AudioOptions Default { get; } = new();

    [JsonConstructor]
    public AudioOptions(
        WavDecoderOptions? decoding = null,
        LogMelOptions? logMel = null,
        CropOptions? crop = null,
        int validationTtaCrops = DefaultValidationTtaCrops,
        int testTtaCrops = DefaultTestTtaCrops)
    {
        Decoding = decoding ?? WavDecoderOptions.Default;
        LogMel = logMel ?? LogMelOptions.Default;
        Crop = crop ?? CropOptions.Default;
        if (Decoding.TargetSampleRateHz != LogMel.SampleRateHz)
            throw Invalid(nameof(Decoding), $"AudioOptions.Decoding.TargetSampleRateHz ({Decoding.TargetSampleRateHz?.ToString(CultureInfo.InvariantCulture) ?? "native"}) must equal LogMel.SampleRateHz ({LogMel.SampleRateHz})");
        if (Crop.StrengthMelBands > LogMel.MelBands)
            throw Invalid(nameof(Crop), $"AudioOptions.Crop.StrengthMelBands ({Crop.StrengthMelBands}) exceeds LogMel.MelBands ({LogMel.MelBands})");
        if (validationTtaCrops <= 0)
            throw Invalid(nameof(ValidationTtaCrops), $"AudioOptions.ValidationTtaCrops must be positive, got {validationTtaCrops}");
        if (testTtaCrops <= 0)
            throw Invalid(nameof(TestTtaCrops), $"AudioOptions.TestTtaCrops must be positive, got {testTtaCrops}");
        ValidationTtaCrops = validationTtaCrops;
        TestTtaCrops = testTtaCrops;
    }

    public WavDecoderOptions Decoding { get; }

    public LogMelOptions LogMel { get; }

    public CropOptions Crop { get; }

    /// <summary>TTA crops per clip when scoring validation folds (RECIPE: 5).</summary>
    public int ValidationTtaCrops { get; }

    /// <summary>TTA crops per clip at inference (RECIPE: 20).</summary>
    public int TestTtaCrops { get; }

    /// <summary>Everything that determines a cached log-mel: decoding + log-mel (not crops or TTA counts).</summary>
    public string FeatureHash() => LogMelOptions.HashOf($"{Decoding.CanonicalString()}|{LogMel.CanonicalString()}");

    /// <summary>16 hex digits over every field; equal options give equal hashes on every machine.</summary>
    public string StableHash() => LogMelOptions.HashOf(string.Create(CultureInfo.InvariantCulture,
        $"{Decoding.CanonicalString()}|{LogMel.CanonicalString()}|{Crop.CanonicalString()}|tta_val={ValidationTtaCrops};tta_test={TestTtaCrops}"));

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Parses JSON written by <see cref="ToJson"/>; unknown fields are errors, missing ones take the defaults.</summary>
    public static AudioOptions FromJson(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<AudioOptions>(json, Json) ?? throw new JsonException("audio options JSON is null");
        }
        catch (TargetInvocationException e) when (e.InnerException is ArgumentException inner)
        {
            throw inner;
        }
    }

    private static ArgumentException Invalid(string field, string message) => new(message, field);
}
