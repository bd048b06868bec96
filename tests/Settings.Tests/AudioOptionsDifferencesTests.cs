namespace Ensemble.Settings.Tests;

public sealed class AudioOptionsDifferencesTests
{
    [Fact]
    public void Equal_settings_have_no_differences() =>
        Assert.Empty(AudioOptions.Default.Differences(AudioOptions.FromJson(AudioOptions.Default.ToJson())));

    [Fact]
    public void Every_differing_field_is_named_with_both_values()
    {
        var trained = new AudioOptions(logMel: new LogMelOptions(melBands: 64, topDb: null), crop: new CropOptions(strengthMelBands: 40), testTtaCrops: 10, ttaSeed: 1);
        Assert.Equal(
            ["LogMel.mels: 64 vs 128", "LogMel.top_db: none vs 80", "Crop.strength_bands: 40 vs 84", "Tta.tta_test: 10 vs 20", "Tta.seed: 1 vs 2019"],
            trained.Differences(AudioOptions.Default));
    }

    [Fact]
    public void The_mismatch_exception_names_the_file_and_the_fields()
    {
        var error = Assert.Throws<AudioOptionsMismatchException>(() =>
            AudioOptionsMismatchException.ThrowIfDifferent("m.onnx", new AudioOptions(crop: new CropOptions(cropWidthFrames: 64)), AudioOptions.Default));
        Assert.Equal("m.onnx", error.File);
        Assert.Contains("m.onnx", error.Message, StringComparison.Ordinal);
        Assert.Contains("Crop.width: 64 vs 128", error.Message, StringComparison.Ordinal);
        AudioOptionsMismatchException.ThrowIfDifferent("same.onnx", AudioOptions.Default, new AudioOptions());
    }

    [Fact]
    public void Construction_reports_every_problem_at_once()
    {
        var error = Assert.Throws<ArgumentException>(() => new AudioOptions(validationTtaCrops: 0, testTtaCrops: -1, normalization: (CropNormalizationMode)5));
        Assert.Equal("ValidationTtaCrops", error.ParamName);
        Assert.Contains("TestTtaCrops", error.Message, StringComparison.Ordinal);
        Assert.Contains("Normalization", error.Message, StringComparison.Ordinal);
        var logMel = Assert.Throws<ArgumentException>(() => new LogMelOptions(melBands: 0, power: 0));
        Assert.Contains("LogMelOptions.MelBands", logMel.Message, StringComparison.Ordinal);
        Assert.Contains("LogMelOptions.Power", logMel.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_tta_seed_and_normalisation_travel_in_json_and_change_the_stable_hash_but_not_the_feature_hash()
    {
        var seeded = new AudioOptions(ttaSeed: 7);
        Assert.Equal(seeded, AudioOptions.FromJson(seeded.ToJson()));
        Assert.Contains("\"ttaSeed\": 7", seeded.ToJson(), StringComparison.Ordinal);
        Assert.Contains("\"normalization\": \"PerCropStandardization\"", seeded.ToJson(), StringComparison.Ordinal);
        Assert.NotEqual(AudioOptions.Default.StableHash(), seeded.StableHash());
        Assert.Equal(AudioOptions.Default.FeatureHash(), seeded.FeatureHash());
    }
}
