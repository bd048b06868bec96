namespace Ensemble.Training.Metrics;

/// <summary>
/// Label-weighted label-ranking average precision (FAT2019's metric), as in RECIPE.md:
/// for clip s and true class c, Prec(s,c) = |{c' ∈ C(s) : r(s,c') ≤ r(s,c)}| / r(s,c); lwlrap is the mean of Prec
/// over all (s, c ∈ C(s)) pairs. Ties are counted pessimistically, as scikit-learn does: r(s,c) is the number of
/// classes scoring ≥ score(s,c), and the numerator counts true classes scoring ≥ score(s,c). So the result equals
/// scikit-learn's label_ranking_average_precision_score(truth, scores, sample_weight=|C(s)|) over clips with labels,
/// ties included. Clips without a true label contribute nothing.
/// </summary>
public static class Lwlrap
{
    /// <param name="truth">Row-major [clips, classes]: true where the class is one of the clip's labels.</param>
    /// <param name="scores">Row-major [clips, classes]: higher means more likely.</param>
    public static LwlrapResult Compute(ReadOnlySpan<bool> truth, ReadOnlySpan<float> scores, int classCount)
    {
        if (classCount <= 0)
            throw new ArgumentException($"classCount must be positive, got {classCount}.", nameof(classCount));
        if (truth.Length != scores.Length)
            throw new ArgumentException($"truth has {truth.Length} values but scores has {scores.Length}.", nameof(scores));
        if (truth.Length % classCount != 0)
            throw new ArgumentException($"{truth.Length} values is not a whole number of rows of {classCount} classes.", nameof(truth));

        var precisionSums = new double[classCount];
        var counts = new int[classCount];
        var clips = truth.Length / classCount;
        for (var s = 0; s < clips; s++)
        {
            var row = scores.Slice(s * classCount, classCount);
            var labels = truth.Slice(s * classCount, classCount);
            for (var c = 0; c < classCount; c++)
            {
                if (!labels[c])
                    continue;
                if (float.IsNaN(row[c]))
                    throw new ArgumentException($"score of clip {s}, class {c} is NaN.", nameof(scores));
                var rank = 0;
                var truesAtOrAbove = 0;
                for (var k = 0; k < classCount; k++)
                {
                    if (row[k] >= row[c])
                    {
                        rank++;
                        if (labels[k])
                            truesAtOrAbove++;
                    }
                }
                precisionSums[c] += (double)truesAtOrAbove / rank;
                counts[c]++;
            }
        }

        var total = counts.Sum();
        if (total == 0)
            throw new ArgumentException("truth holds no true label, so lwlrap is undefined.", nameof(truth));
        var perClass = new double[classCount];
        var weights = new double[classCount];
        var overall = 0.0;
        for (var c = 0; c < classCount; c++)
        {
            weights[c] = (double)counts[c] / total;
            perClass[c] = counts[c] == 0 ? double.NaN : precisionSums[c] / counts[c];
            overall += precisionSums[c];
        }
        return new LwlrapResult(overall / total, perClass, weights, counts);
    }
}
