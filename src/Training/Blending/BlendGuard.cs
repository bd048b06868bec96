using Ensemble.Models.Inference;
using Ensemble.Training.Metrics;

namespace Ensemble.Training.Blending;

/// <summary>The fold-held-out OOF lwlrap of one shrinkage towards the OOF-optimised weights.</summary>
public sealed record ShrinkageScore(double Shrinkage, double HeldOutLwlrap);

/// <summary>
/// The guarded blend: weights (1 - <see cref="Shrinkage"/>) × equal + <see cref="Shrinkage"/> × OOF-optimised, their
/// in-sample OOF lwlrap, and the fold-held-out lwlrap of every candidate shrinkage it chose among.
/// </summary>
public sealed record GuardedBlend(double Shrinkage, double[] Weights, double OofLwlrap, IReadOnlyList<ShrinkageScore> Candidates)
{
    public double HeldOutLwlrap => Candidates.Single(c => c.Shrinkage == Shrinkage).HeldOutLwlrap;
}

/// <summary>
/// Guards OOF-optimised blend weights against over-fitting few clips. The optimised weights are scored on the very OOF
/// predictions they were fitted to, so with few clips they look better than they are. For each fold k the weights are
/// re-optimised on the other folds' OOF rows and every candidate shrinkage towards equal weights is scored on fold k's
/// rows; the pooled held-out lwlrap picks the shrinkage (ties pick the smaller, closer to equal), which is then applied
/// to the weights optimised on all OOF rows.
/// </summary>
public static class BlendGuard
{
    /// <summary>0 is equal weights, 1 the OOF-optimised ones.</summary>
    public static IReadOnlyList<double> Shrinkages { get; } = [0, 0.25, 0.5, 0.75, 1];

    /// <param name="foldOfClip">The fold of each OOF row (clip), as the folds the OOF predictions came from.</param>
    /// <param name="optimized">The optimisation on all rows (<see cref="BlendOptimizer.Optimize"/>).</param>
    public static GuardedBlend Choose(IReadOnlyList<float[]> oofPredictions, ReadOnlySpan<bool> truth, int classCount,
        IReadOnlyList<int> foldOfClip, BlendResult optimized)
    {
        ArgumentNullException.ThrowIfNull(oofPredictions);
        ArgumentNullException.ThrowIfNull(foldOfClip);
        ArgumentNullException.ThrowIfNull(optimized);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classCount);
        var clips = truth.Length / classCount;
        if (truth.Length != clips * classCount || foldOfClip.Count != clips)
            throw new ArgumentException($"{foldOfClip.Count} fold indices for {truth.Length} truth values of {classCount} classes; one fold per clip is needed", nameof(foldOfClip));
        var values = truth.Length;
        if (oofPredictions.Any(p => p.Length != values))
            throw new ArgumentException($"every OOF matrix must hold {values} values", nameof(oofPredictions));
        var folds = foldOfClip.Distinct().Order().ToArray();
        if (folds.Length < 2)
            throw new ArgumentException("held-out scoring needs at least two folds", nameof(foldOfClip));

        var truthArray = truth.ToArray();
        var equal = WeightedBlend.EqualWeights(oofPredictions.Count);
        var pooled = Shrinkages.Select(_ => new float[truthArray.Length]).ToArray();
        foreach (var fold in folds)
        {
            var inside = Enumerable.Range(0, clips).Where(c => foldOfClip[c] != fold).ToArray();
            var heldOut = Enumerable.Range(0, clips).Where(c => foldOfClip[c] == fold).ToArray();
            var fitted = BlendOptimizer.Optimize(oofPredictions.Select(p => Rows(p, inside, classCount)).ToArray(), Rows(truthArray, inside, classCount), classCount).OptimizedWeights;
            var heldOutPredictions = oofPredictions.Select(p => Rows(p, heldOut, classCount)).ToArray();
            for (var s = 0; s < Shrinkages.Count; s++)
            {
                var blended = WeightedBlend.Apply(heldOutPredictions, Shrink(equal, fitted, Shrinkages[s]));
                for (var r = 0; r < heldOut.Length; r++)
                    Array.Copy(blended, r * classCount, pooled[s], heldOut[r] * classCount, classCount);
            }
        }
        var candidates = Shrinkages.Select((s, i) => new ShrinkageScore(s, Lwlrap.Compute(truthArray, pooled[i], classCount).Overall)).ToArray();
        // Strictly better only: a tie keeps the smaller shrinkage, the blend with fewer fitted degrees of freedom.
        var best = candidates[0];
        foreach (var candidate in candidates.Skip(1))
            if (candidate.HeldOutLwlrap > best.HeldOutLwlrap + 1e-12)
                best = candidate;
        var weights = Shrink(equal, optimized.OptimizedWeights, best.Shrinkage);
        return new GuardedBlend(best.Shrinkage, weights, Lwlrap.Compute(truthArray, WeightedBlend.Apply(oofPredictions, weights), classCount).Overall, candidates);
    }

    private static double[] Shrink(double[] equal, double[] fitted, double shrinkage) =>
        equal.Select((e, m) => (1 - shrinkage) * e + shrinkage * fitted[m]).ToArray();

    private static T[] Rows<T>(T[] matrix, int[] rows, int classCount)
    {
        var result = new T[rows.Length * classCount];
        for (var r = 0; r < rows.Length; r++)
            Array.Copy(matrix, rows[r] * classCount, result, r * classCount, classCount);
        return result;
    }
}
