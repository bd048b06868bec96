using Ensemble.Grains.Clips;

namespace Ensemble.Grains.Tests.Clips;

public sealed class ClipCropsTests
{
    [Fact]
    public void Weights_must_be_one_positive_count_per_crop_and_errors_name_the_clip()
    {
        new ClipCrops(new float[8], 2, 2, 2, [19, 1]).Validate("a.wav");
        new ClipCrops(new float[8], 2, 2, 2).Validate("a.wav");
        var wrongCount = Assert.Throws<ArgumentException>(() => new ClipCrops(new float[8], 2, 2, 2, [20]).Validate("a.wav"));
        Assert.Contains("a.wav", wrongCount.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new ClipCrops(new float[8], 2, 2, 2, [20, 0]).Validate("a.wav"));
    }
}
