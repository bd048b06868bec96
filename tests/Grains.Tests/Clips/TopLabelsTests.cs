using Ensemble.Grains.Clips;

namespace Ensemble.Grains.Tests.Clips;

public sealed class TopLabelsTests
{
    [Fact]
    public void Highest_first_ties_in_label_order()
    {
        var top = TopLabels.Select([0.1f, 0.9f, 0.5f, 0.9f], ["a", "b", "c", "d"], 3);
        Assert.Equal(["b", "d", "c"], top.Select(t => t.Label));
        Assert.Equal(0.9f, top[0].Score);
    }

    [Fact]
    public void K_larger_than_classes_returns_all() => Assert.Equal(2, TopLabels.Select([0f, 1f], ["a", "b"], 5).Length);
}
