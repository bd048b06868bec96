using Ensemble.Models.Augmentation;
using TorchSharp;
using static TorchSharp.torch;

namespace Ensemble.Models.Tests.Augmentation;

public sealed class CoarseDropoutTests
{
    [Fact]
    public void Defaults_AreAlbumentationsClassicOnes()
    {
        var o = new CoarseDropoutOptions();
        Assert.Equal((0.5, 8, 8, 8, 8, 8, 8, 0f), (o.Probability, o.MinHoles, o.MaxHoles, o.MinHeight, o.MaxHeight, o.MinWidth, o.MaxWidth, o.Fill));
    }

    [Fact]
    public void Holes_FollowTheConfiguredCountsAndSizes()
    {
        var dropout = new CoarseDropout(new CoarseDropoutOptions(maxHoles: 8, minHoles: 2, maxHeight: 10, minHeight: 4, maxWidth: 6, minWidth: 6), seed: 2);
        var samples = Enumerable.Range(0, 4_000).Select(_ => dropout.SampleHoles(128, 128)).ToArray();
        var applied = samples.Where(h => h.Count > 0).ToArray();
        Assert.InRange(applied.Length / 4_000.0, 0.47, 0.53);
        Assert.All(applied, holes => Assert.InRange(holes.Count, 2, 8));
        var all = applied.SelectMany(h => h).ToArray();
        Assert.All(all, h => Assert.True(h.Height is >= 4 and <= 10 && h.Width == 6 && h.Top + h.Height <= 128 && h.Left + h.Width <= 128));
        Assert.InRange(all.Average(h => h.Height), 6.8, 7.2);
        Assert.InRange(applied.Average(h => h.Count), 4.8, 5.2);
    }

    [Fact]
    public void Apply_DropsAtMostTheHolesArea()
    {
        using var batch = ones(8, 1, 128, 128);
        using var result = new CoarseDropout(new CoarseDropoutOptions(probability: 1.0), seed: 3).Apply(batch);
        for (var i = 0; i < 8; i++)
        {
            using var dropped = (result[i] == 0).sum();
            Assert.InRange(dropped.item<long>(), 64, 8 * 64); // 8 holes of 8 × 8, possibly overlapping
        }
    }

    [Fact]
    public void SameSeed_SameResult()
    {
        using var batch = randn(8, 1, 32, 64);
        using var a = new CoarseDropout(new CoarseDropoutOptions(), 4).Apply(batch);
        using var b = new CoarseDropout(new CoarseDropoutOptions(), 4).Apply(batch);
        Assert.True(a.allclose(b, rtol: 0, atol: 0));
    }

    [Fact]
    public void MinAboveMax_NamesTheField()
    {
        Assert.Equal("maxHoles", Assert.Throws<ArgumentException>(() => new CoarseDropoutOptions(maxHoles: 2, minHoles: 3)).ParamName);
    }
}
