using Ensemble.Models.Augmentation;
using TorchSharp;
using static TorchSharp.torch;

namespace Ensemble.Models.Tests.Augmentation;

public sealed class RandomErasingTests
{
    [Fact]
    public void Defaults_AreTorchvisions()
    {
        var o = new RandomErasingOptions();
        Assert.Equal((0.5, 0.02, 0.33, 0.3, 3.3, 0f), (o.Probability, o.ScaleMin, o.ScaleMax, o.RatioMin, o.RatioMax, o.Value));
    }

    [Fact]
    public void ErasedAreaFraction_StaysInTheConfiguredRange()
    {
        var erasing = new RandomErasing(new RandomErasingOptions(), seed: 1);
        var rectangles = Enumerable.Range(0, 10_000).Select(_ => erasing.SampleRectangle(128, 128)).ToArray();
        var erased = rectangles.Where(r => r is not null).Select(r => r!.Value).ToArray();
        Assert.InRange(erased.Length / 10_000.0, 0.47, 0.51); // p = 0.5, a few draws fail all 10 attempts
        var fractions = erased.Select(r => r.Area / (128.0 * 128.0)).ToArray();
        // Height and width are rounded to whole bins/frames: allow 10 % around the configured scale.
        Assert.All(fractions, f => Assert.InRange(f, 0.02 * 0.9, 0.33 * 1.1));
        Assert.True(fractions.Min() < 0.025 && fractions.Max() > 0.30, "the whole configured range is used");
        Assert.All(erased, r => Assert.True(r.Top >= 0 && r.Left >= 0 && r.Top + r.Height <= 128 && r.Left + r.Width <= 128));
    }

    [Fact]
    public void Apply_ErasesTheSampledRectangleOnEveryChannel()
    {
        using var batch = ones(16, 2, 128, 128);
        var options = new RandomErasingOptions(probability: 1.0);
        var expected = new RandomErasing(options, seed: 9);
        using var result = new RandomErasing(options, seed: 9).Apply(batch);
        for (var i = 0; i < 16; i++)
        {
            var r = expected.SampleRectangle(128, 128);
            using var zerosInSample = (result[i] == 0).sum();
            Assert.Equal(2L * (r?.Area ?? 0), zerosInSample.item<long>());
        }
        Assert.Equal(16 * 2 * 128 * 128, batch.sum().item<float>()); // input untouched
    }

    [Fact]
    public void SameSeed_SameResult()
    {
        using var batch = randn(8, 1, 64, 64);
        using var a = new RandomErasing(new RandomErasingOptions(), 4).Apply(batch);
        using var b = new RandomErasing(new RandomErasingOptions(), 4).Apply(batch);
        Assert.True(a.allclose(b, rtol: 0, atol: 0));
    }

    [Fact]
    public void BadScale_NamesTheField()
    {
        Assert.Equal("scaleMin", Assert.Throws<ArgumentException>(() => new RandomErasingOptions(scaleMin: 0.5, scaleMax: 0.4)).ParamName);
    }
}
