using Ensemble.Grains.Clips;

namespace Ensemble.Grains.Tests.Clips;

public sealed class ScoreBlenderTests
{
    [Fact]
    public void Weighted_mean_renormalised_over_present_models()
    {
        var blend = ScoreBlender.Blend([([0.2f, 1f], 1.0), ([0.8f, 0f], 3.0)]);
        Assert.Equal(0.65f, blend[0], 6);
        Assert.Equal(0.25f, blend[1], 6);
    }

    [Fact]
    public void Nothing_to_blend_is_an_error() => Assert.Throws<ArgumentException>(() => ScoreBlender.Blend([]));

    [Fact]
    public void Class_count_mismatch_is_an_error() =>
        Assert.Throws<ArgumentException>(() => ScoreBlender.Blend([([0.2f], 1.0), ([0.8f, 0f], 1.0)]));
}
