using Ensemble.Training.Blending;
using Ensemble.Models.Inference;
using Ensemble.Training.Metrics;

namespace Ensemble.Training.Tests.Blending;

public sealed class BlendGuardTests
{
    private const int Classes = 10;

    private sealed record Oof(bool[] Truth, float[][] Models, int[] Folds);

    /// <summary>Clips with one label each; model m scores the true class signal[m] higher, plus uniform noise.</summary>
    private static Oof Synthetic(int seed, int clips, int folds, params double[] signal)
    {
        var random = new Random(seed);
        var truth = new bool[clips * Classes];
        for (var s = 0; s < clips; s++)
            truth[s * Classes + random.Next(Classes)] = true;
        var models = signal.Select(sig => truth.Select(t => (float)((t ? sig : 0) + random.NextDouble())).ToArray()).ToArray();
        return new Oof(truth, models, Enumerable.Range(0, clips).Select(c => c % folds).ToArray());
    }

    private static GuardedBlend Guard(Oof oof) =>
        BlendGuard.Choose(oof.Models, oof.Truth, Classes, oof.Folds, BlendOptimizer.Optimize(oof.Models, oof.Truth, Classes));

    [Fact]
    public void OnFewClipsOfEquallyGoodModelsTheGuardDistrustsTheOptimisedWeights()
    {
        // Equally good models: equal weights are the truth; what the optimiser finds on 30 clips is noise it fitted.
        var shrinkages = new List<double>();
        var optimism = new List<double>();
        for (var seed = 0; seed < 8; seed++)
        {
            var oof = Synthetic(seed, clips: 30, folds: 5, 0.5, 0.5, 0.5);
            var optimized = BlendOptimizer.Optimize(oof.Models, oof.Truth, Classes);
            var guarded = BlendGuard.Choose(oof.Models, oof.Truth, Classes, oof.Folds, optimized);
            shrinkages.Add(guarded.Shrinkage);
            // The in-sample score of the optimised weights against their own held-out score.
            optimism.Add(optimized.OptimizedOofLwlrap - guarded.Candidates.Single(c => c.Shrinkage == 1).HeldOutLwlrap);
            Assert.True(guarded.HeldOutLwlrap >= guarded.Candidates.Max(c => c.HeldOutLwlrap) - 1e-12);
        }
        Assert.True(optimism.Average() > 0.01, $"optimised weights looked only {optimism.Average():F4} better in sample than held out");
        Assert.True(shrinkages.Average() < 0.5, $"mean shrinkage {shrinkages.Average():F2}");
    }

    [Fact]
    public void OnManyClipsWithOneGoodModelTheGuardKeepsTheOptimisedWeights()
    {
        var oof = Synthetic(3, clips: 300, folds: 5, 0.8, 0.0, 0.0);
        var guarded = Guard(oof);
        Assert.True(guarded.Shrinkage >= 0.75, $"shrinkage {guarded.Shrinkage}");
        Assert.True(guarded.Weights[0] > 0.75, $"weights {string.Join(", ", guarded.Weights)}");
        var equalHeldOut = guarded.Candidates.Single(c => c.Shrinkage == 0).HeldOutLwlrap;
        Assert.True(guarded.HeldOutLwlrap > equalHeldOut + 0.02);
    }

    [Fact]
    public void WeightsAreOnTheSimplexAndZeroShrinkageIsExactlyEqualWeights()
    {
        var oof = Synthetic(5, clips: 60, folds: 4, 0.6, 0.3, 0.1);
        var optimized = BlendOptimizer.Optimize(oof.Models, oof.Truth, Classes);
        var guarded = BlendGuard.Choose(oof.Models, oof.Truth, Classes, oof.Folds, optimized);
        Assert.Equal(1.0, guarded.Weights.Sum(), 9);
        Assert.All(guarded.Weights, w => Assert.True(w >= 0));
        Assert.Equal(BlendGuard.Shrinkages, guarded.Candidates.Select(c => c.Shrinkage));
        // Equal weights need no fitting, so their held-out score is their plain OOF score.
        Assert.Equal(optimized.EqualOofLwlrap, guarded.Candidates[0].HeldOutLwlrap, 12);
        Assert.Equal(guarded.OofLwlrap, Lwlrap.Compute(oof.Truth, WeightedBlend.Apply(oof.Models, guarded.Weights), Classes).Overall, 12);
        var expected = optimized.EqualWeights.Select((e, m) => (1 - guarded.Shrinkage) * e + guarded.Shrinkage * optimized.OptimizedWeights[m]);
        Assert.Equal(expected, guarded.Weights);
    }

    [Fact]
    public void RejectsFoldsThatDoNotMatchTheClips()
    {
        var oof = Synthetic(1, clips: 20, folds: 2, 0.5, 0.5);
        var optimized = BlendOptimizer.Optimize(oof.Models, oof.Truth, Classes);
        Assert.Throws<ArgumentException>(() => BlendGuard.Choose(oof.Models, oof.Truth, Classes, oof.Folds[1..], optimized));
        Assert.Throws<ArgumentException>(() => BlendGuard.Choose(oof.Models, oof.Truth, Classes, new int[20], optimized));
    }
}
