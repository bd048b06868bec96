using Ensemble.Models.Inference;
using Ensemble.Training.Metrics;

namespace Ensemble.Training.Blending;

/// <summary>The blend weights found on out-of-fold predictions and the OOF lwlrap of both blends.</summary>
public sealed record BlendResult(double[] EqualWeights, double EqualOofLwlrap, double[] OptimizedWeights, double OptimizedOofLwlrap);

/// <summary>
/// Finds non-negative weights summing to 1 that maximise OOF lwlrap, by coordinate search on the simplex: starting
/// from equal weights, move a step of weight from one model to another while that improves the score, halving the
/// step when no move helps. lwlrap is piecewise constant in the weights, so a gradient would not help; the search
/// only accepts strict improvements, so ties keep the simpler (more equal) blend.
/// </summary>
public static class BlendOptimizer
{
    public const double InitialStep = 0.1;
    public const double FinalStep = 0.005;

    public static BlendResult Optimize(IReadOnlyList<float[]> oofPredictions, ReadOnlySpan<bool> truth, int classCount)
    {
        var truthCopy = truth.ToArray();
        double Score(double[] w) => Lwlrap.Compute(truthCopy, WeightedBlend.Apply(oofPredictions, w), classCount).Overall;

        var equal = WeightedBlend.EqualWeights(oofPredictions.Count);
        var equalScore = Score(equal);
        var weights = (double[])equal.Clone();
        var best = equalScore;
        for (var step = InitialStep; step >= FinalStep; step /= 2)
        {
            var improved = true;
            while (improved)
            {
                improved = false;
                for (var to = 0; to < weights.Length; to++)
                {
                    for (var from = 0; from < weights.Length; from++)
                    {
                        if (from == to || weights[from] <= 0)
                            continue;
                        var moved = Math.Min(step, weights[from]);
                        var candidate = (double[])weights.Clone();
                        candidate[from] -= moved;
                        candidate[to] += moved;
                        var score = Score(candidate);
                        if (score > best + 1e-12)
                        {
                            best = score;
                            weights = candidate;
                            improved = true;
                        }
                    }
                }
            }
        }
        var sum = weights.Sum();
        return new BlendResult(equal, equalScore, weights.Select(w => w / sum).ToArray(), best);
    }
}
