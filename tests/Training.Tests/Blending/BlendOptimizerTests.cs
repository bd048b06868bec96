using Ensemble.Models.Inference;
using Ensemble.Training.Blending;
using Ensemble.Training.Metrics;

namespace Ensemble.Training.Tests.Blending;

public sealed class BlendOptimizerTests
{
    [Fact]
    public void OptimizedWeightsAreOnTheSimplexAndNoWorseThanEqual()
    {
        var random = new Random(11);
        const int clips = 120, classes = 8;
        var truth = new bool[clips * classes];
        for (var s = 0; s < clips; s++)
            truth[s * classes + random.Next(classes)] = true;
        // A good model, a weaker one, and pure noise.
        float[] Model(double signal) => truth.Select(t => (float)((t ? signal : 0) + random.NextDouble())).ToArray();
        var oof = new[] { Model(0.8), Model(0.3), Model(0.0) };
        var result = BlendOptimizer.Optimize(oof, truth, classes);
        Assert.Equal(1.0, result.OptimizedWeights.Sum(), 9);
        Assert.All(result.OptimizedWeights, w => Assert.True(w >= 0));
        Assert.True(result.OptimizedOofLwlrap >= result.EqualOofLwlrap);
        Assert.True(result.OptimizedWeights[0] > result.OptimizedWeights[2]);
        Assert.Equal(result.OptimizedOofLwlrap, Lwlrap.Compute(truth, WeightedBlend.Apply(oof, result.OptimizedWeights), classes).Overall, 9);
        Assert.Equal(result.EqualOofLwlrap, Lwlrap.Compute(truth, WeightedBlend.Apply(oof, WeightedBlend.EqualWeights(3)), classes).Overall, 12);
    }
}
