
namespace Ensemble.Settings.Tests;

public sealed class WavDecoderOptionsTests
{
    [Fact]
    public void Defaults_are_pinned()
    {
        var options = new WavDecoderOptions();
        Assert.Equal(600, options.MaxDurationSeconds);
        Assert.Equal(44100, options.TargetSampleRateHz);
        Assert.Equal(8000, WavDecoderOptions.MinSampleRateHz);
        Assert.Equal(192000, WavDecoderOptions.MaxSampleRateHz);
        Assert.Equal(8, WavDecoderOptions.MaxChannels);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Bad_duration_limit_names_the_field(double seconds) =>
        Assert.Contains("MaxDurationSeconds", Assert.Throws<ArgumentException>(() => new WavDecoderOptions(seconds)).Message, StringComparison.Ordinal);

    [Fact]
    public void Bad_target_rate_names_the_field() =>
        Assert.Contains("TargetSampleRateHz", Assert.Throws<ArgumentException>(() => new WavDecoderOptions(targetSampleRateHz: 1000)).Message, StringComparison.Ordinal);
}
