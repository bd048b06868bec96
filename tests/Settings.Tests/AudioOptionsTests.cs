using System.Text.Json;

namespace Ensemble.Settings.Tests;

public sealed class AudioOptionsTests
{
    [Fact]
    public void Defaults_are_the_recipe()
    {
        var options = AudioOptions.Default;
        Assert.Equal(5, options.ValidationTtaCrops);
        Assert.Equal(20, options.TestTtaCrops);
        Assert.Equal(LogMelOptions.Default, options.LogMel);
        Assert.Equal(CropOptions.Default, options.Crop);
        Assert.Equal(WavDecoderOptions.Default, options.Decoding);
    }

    [Fact]
    public void Json_round_trips_to_an_equal_record_with_the_same_hash()
    {
        var options = new AudioOptions(logMel: new LogMelOptions(melBands: 64, topDb: null), crop: new CropOptions(strengthMelBands: 40, ttaMode: CropMode.Random), testTtaCrops: 10);
        var json = options.ToJson();
        Assert.Contains("\"melScale\": \"Slaney\"", json, StringComparison.Ordinal);
        var back = AudioOptions.FromJson(json);
        Assert.Equal(options, back);
        Assert.Equal(options.StableHash(), back.StableHash());
    }

    [Fact]
    public void Default_json_round_trips() => Assert.Equal(AudioOptions.Default, AudioOptions.FromJson(AudioOptions.Default.ToJson()));

    [Fact]
    public void Missing_fields_take_the_defaults() =>
        Assert.Equal(new AudioOptions(testTtaCrops: 7), AudioOptions.FromJson("""{ "testTtaCrops": 7, "logMel": { "hopLengthSamples": 694 } }"""));

    [Theory]
    [InlineData("""{ "testTtaCrop": 7 }""")]
    [InlineData("""{ "logMel": { "nMels": 64 } }""")]
    [InlineData("""{ "crop": { "width": 64 } }""")]
    [InlineData("""{ "decoding": { "maxSeconds": 10 } }""")]
    public void Unknown_fields_are_rejected(string json) => Assert.Throws<JsonException>(() => AudioOptions.FromJson(json));

    [Fact]
    public void Invalid_values_in_json_name_the_field()
    {
        var error = Assert.Throws<ArgumentException>(() => AudioOptions.FromJson("""{ "logMel": { "melBands": 0 } }"""));
        Assert.Contains("MelBands", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Enum_numbers_are_rejected() => Assert.Throws<JsonException>(() => AudioOptions.FromJson("""{ "crop": { "ttaMode": 1 } }"""));

    [Fact]
    public void Hashes_are_pinned_and_feature_hash_ignores_crops()
    {
        Assert.Matches("^[0-9a-f]{16}$", AudioOptions.Default.StableHash());
        var otherCrops = new AudioOptions(crop: new CropOptions(cropWidthFrames: 64), testTtaCrops: 3);
        Assert.Equal(AudioOptions.Default.FeatureHash(), otherCrops.FeatureHash());
        Assert.NotEqual(AudioOptions.Default.StableHash(), otherCrops.StableHash());
        Assert.NotEqual(AudioOptions.Default.FeatureHash(), new AudioOptions(logMel: new LogMelOptions(hopLengthSamples: 512)).FeatureHash());
        Assert.Equal(PinnedStableHash, AudioOptions.Default.StableHash());
    }

    private const string PinnedStableHash = "65ba6900c6a46ad6";

    [Fact]
    public void Inconsistent_parts_are_refused()
    {
        Assert.Equal("Decoding", Assert.Throws<ArgumentException>(() => new AudioOptions(decoding: new WavDecoderOptions(targetSampleRateHz: 48000))).ParamName);
        Assert.Equal("Crop", Assert.Throws<ArgumentException>(() => new AudioOptions(logMel: new LogMelOptions(melBands: 64))).ParamName);
        Assert.Equal("ValidationTtaCrops", Assert.Throws<ArgumentException>(() => new AudioOptions(validationTtaCrops: 0)).ParamName);
        Assert.Equal("TestTtaCrops", Assert.Throws<ArgumentException>(() => new AudioOptions(testTtaCrops: 0)).ParamName);
    }
}
