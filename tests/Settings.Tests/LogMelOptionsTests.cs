
namespace Ensemble.Settings.Tests;

public sealed class LogMelOptionsTests
{
    [Fact]
    public void Defaults_are_the_recipe()
    {
        var options = LogMelOptions.Default;
        Assert.Equal(44100, options.SampleRateHz);
        Assert.Equal(2560, options.FftLengthSamples);
        Assert.Equal(694, options.HopLengthSamples);
        Assert.Equal(128, options.MelBands);
        Assert.Equal(20, options.MinFrequencyHz);
        Assert.Equal(22050, options.MaxFrequencyHz);
        Assert.Equal(WindowFunction.Hann, options.Window);
        Assert.True(options.Centered);
        Assert.Equal(PadMode.Reflect, options.PadMode);
        Assert.Equal(2, options.Power);
        Assert.Equal(MelScale.Slaney, options.MelScale);
        Assert.Equal(MelNorm.Slaney, options.MelNorm);
        Assert.Equal(1.0, options.DbReference);
        Assert.Equal(1e-10, options.DbAmin);
        Assert.Equal(80, options.TopDb);
    }

    [Fact]
    public void Stable_hash_is_pinned()
    {
        // Changing this value invalidates every feature cache: do it only on purpose (bump AlgorithmVersion).
        Assert.Equal(
            "logmel/v1;sr=44100;n_fft=2560;hop=694;mels=128;fmin=20;fmax=22050;window=Hann;centered=True;pad=Reflect;power=2;mel_scale=Slaney;norm=Slaney;ref=1;amin=1E-10;top_db=80",
            LogMelOptions.Default.CanonicalString());
        Assert.Equal(LogMelOptions.Default.StableHash(), new LogMelOptions().StableHash());
        Assert.Matches("^[0-9a-f]{16}$", LogMelOptions.Default.StableHash());
        Assert.Equal("f96b2acfd54d0711", LogMelOptions.Default.StableHash());
    }

    [Fact]
    public void Every_field_changes_the_hash()
    {
        LogMelOptions[] variants =
        [
            new(sampleRateHz: 48000), new(fftLengthSamples: 2048), new(hopLengthSamples: 512), new(melBands: 64),
            new(minFrequencyHz: 0), new(maxFrequencyHz: 16000), new(centered: false), new(power: 1),
            new(melScale: MelScale.Htk), new(melNorm: MelNorm.None), new(dbReference: 2), new(dbAmin: 1e-5), new(topDb: null),
        ];
        var hashes = variants.Select(v => v.StableHash()).Append(LogMelOptions.Default.StableHash()).ToHashSet();
        Assert.Equal(variants.Length + 1, hashes.Count);
    }

    [Fact]
    public void Equal_options_are_equal_records() => Assert.Equal(new LogMelOptions(melBands: 64), new LogMelOptions(melBands: 64));

    public static TheoryData<Func<LogMelOptions>, string> BadOptions => new()
    {
        { () => new LogMelOptions(sampleRateHz: 0), "SampleRateHz" },
        { () => new LogMelOptions(fftLengthSamples: 2561), "FftLengthSamples" },
        { () => new LogMelOptions(hopLengthSamples: 0), "HopLengthSamples" },
        { () => new LogMelOptions(melBands: 0), "MelBands" },
        { () => new LogMelOptions(minFrequencyHz: -1), "MinFrequencyHz" },
        { () => new LogMelOptions(maxFrequencyHz: 30000), "MaxFrequencyHz" },
        { () => new LogMelOptions(minFrequencyHz: 100, maxFrequencyHz: 50), "MaxFrequencyHz" },
        { () => new LogMelOptions(window: (WindowFunction)7), "Window" },
        { () => new LogMelOptions(padMode: (PadMode)7), "PadMode" },
        { () => new LogMelOptions(power: 0), "Power" },
        { () => new LogMelOptions(melScale: (MelScale)7), "MelScale" },
        { () => new LogMelOptions(melNorm: (MelNorm)7), "MelNorm" },
        { () => new LogMelOptions(dbReference: 0), "DbReference" },
        { () => new LogMelOptions(dbAmin: 0), "DbAmin" },
        { () => new LogMelOptions(topDb: -1), "TopDb" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Invalid_fields_are_named(Func<LogMelOptions> create, string field)
    {
        var error = Assert.Throws<ArgumentException>(create);
        Assert.Equal(field, error.ParamName);
        Assert.Contains($"LogMelOptions.{field}", error.Message, StringComparison.Ordinal);
    }
}
