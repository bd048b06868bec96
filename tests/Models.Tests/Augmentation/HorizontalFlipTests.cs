using Ensemble.Models.Augmentation;
using TorchSharp;
using static TorchSharp.torch;

namespace Ensemble.Models.Tests.Augmentation;

public sealed class HorizontalFlipTests
{
    [Fact]
    public void Default_IsHalf() => Assert.Equal(0.5, new HorizontalFlipOptions().Probability);

    [Fact]
    public void FlipRate_IsTheProbability()
    {
        var flip = new HorizontalFlip(new HorizontalFlipOptions(0.3), seed: 1);
        var rate = Enumerable.Range(0, 100).SelectMany(_ => flip.SampleFlips(100)).Count(f => f) / 10_000.0;
        Assert.InRange(rate, 0.28, 0.32);
    }

    [Fact]
    public void Apply_ReversesTimeOfTheChosenSamples()
    {
        using var batch = arange(5, dtype: float32).expand(6, 1, 3, 5).contiguous();
        var flips = new HorizontalFlip(new HorizontalFlipOptions(), 7).SampleFlips(6);
        using var result = new HorizontalFlip(new HorizontalFlipOptions(), 7).Apply(batch);
        for (var i = 0; i < 6; i++)
        {
            var firstFrame = result[i, 0, 1, 0].item<float>();
            Assert.Equal(flips[i] ? 4f : 0f, firstFrame);
        }
        Assert.Contains(true, flips);
        Assert.Contains(false, flips);
    }

    [Fact]
    public void BadProbability_NamesTheField()
    {
        Assert.Equal("probability", Assert.Throws<ArgumentException>(() => new HorizontalFlipOptions(1.5)).ParamName);
    }
}
