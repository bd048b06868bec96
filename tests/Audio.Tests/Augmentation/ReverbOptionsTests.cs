using Ensemble.Audio.Augmentation;

namespace Ensemble.Audio.Tests.Augmentation;

public class ReverbOptionsTests
{
    [Fact]
    public void Defaults_are_sox_defaults()
    {
        var options = new ReverbOptions();

        Assert.Equal((false, 50.0, 50.0, 100.0, 100.0, 0.0, 0.0),
            (options.WetOnly, options.ReverberancePercent, options.HfDampingPercent, options.RoomScalePercent,
             options.StereoDepthPercent, options.PreDelayMs, options.WetGainDb));
    }

    [Theory]
    [InlineData(101, 50, 100, 100, 0, 0, "ReverberancePercent")]
    [InlineData(50, -1, 100, 100, 0, 0, "HfDampingPercent")]
    [InlineData(50, 50, 100.5, 100, 0, 0, "RoomScalePercent")]
    [InlineData(50, 50, 100, double.NaN, 0, 0, "StereoDepthPercent")]
    [InlineData(50, 50, 100, 100, 501, 0, "PreDelayMs")]
    [InlineData(50, 50, 100, 100, 0, 11, "WetGainDb")]
    public void Out_of_range_values_name_the_field(double reverberance, double hf, double room, double depth, double preDelay, double wet, string field)
    {
        var error = Assert.Throws<ArgumentException>(() => new ReverbOptions(false, reverberance, hf, room, depth, preDelay, wet));

        Assert.Equal(field, error.ParamName);
    }
}
