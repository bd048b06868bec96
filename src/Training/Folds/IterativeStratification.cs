using Ensemble.Audio.Crops;

namespace Ensemble.Training.Folds;

/// <summary>
/// Multi-label stratified K-fold by iterative stratification (Sechidis, Tsoumakas and Vlahavas, ECML PKDD 2011):
/// repeatedly take the label with the fewest unassigned examples and deal those examples to the fold that still
/// wants most of that label (ties: the fold that wants most examples overall, then a seeded <see cref="SplitMixRandom"/> choice, the same on every machine).
/// Deterministic for a given seed and input order.
/// </summary>
public static class IterativeStratification
{
    /// <param name="labels">For each example, its label indices (may be empty).</param>
    /// <returns>The fold (0..folds-1) of each example.</returns>
    public static int[] Assign(IReadOnlyList<int[]> labels, int classCount, int folds, int seed)
    {
        if (folds < 2)
            throw new ArgumentException($"folds must be at least 2, got {folds}.", nameof(folds));
        if (labels.Count < folds)
            throw new ArgumentException($"{labels.Count} examples cannot fill {folds} folds.", nameof(labels));
        var random = SplitMixRandom.FromSeed(seed);
        var n = labels.Count;
        var assignment = Enumerable.Repeat(-1, n).ToArray();

        // Desired example count per fold (equal proportions) and desired label counts per fold.
        var wantExamples = new double[folds];
        for (var j = 0; j < folds; j++)
            wantExamples[j] = (double)n / folds;
        var wantLabel = new double[classCount, folds];
        var remainingPerLabel = new int[classCount];
        foreach (var row in labels)
        {
            foreach (var c in row.Distinct())
            {
                if (c < 0 || c >= classCount)
                    throw new ArgumentException($"label {c} is outside 0..{classCount - 1}.", nameof(labels));
                remainingPerLabel[c]++;
            }
        }
        for (var c = 0; c < classCount; c++)
            for (var j = 0; j < folds; j++)
                wantLabel[c, j] = (double)remainingPerLabel[c] / folds;

        // Examples grouped by label, each group visited in a seeded random order.
        var byLabel = new List<int>[classCount];
        for (var c = 0; c < classCount; c++)
            byLabel[c] = [];
        var order = Enumerable.Range(0, n).ToArray();
        random.Shuffle(order);
        foreach (var i in order)
            foreach (var c in labels[i].Distinct())
                byLabel[c].Add(i);

        while (true)
        {
            var label = -1;
            for (var c = 0; c < classCount; c++)
                if (remainingPerLabel[c] > 0 && (label < 0 || remainingPerLabel[c] < remainingPerLabel[label]))
                    label = c;
            if (label < 0)
                break;
            foreach (var i in byLabel[label])
            {
                if (assignment[i] >= 0)
                    continue;
                var fold = Choose(folds, j => wantLabel[label, j], wantExamples, random);
                assignment[i] = fold;
                wantExamples[fold] -= 1;
                foreach (var c in labels[i].Distinct())
                {
                    wantLabel[c, fold] -= 1;
                    remainingPerLabel[c]--;
                }
            }
        }

        // Examples without labels go where most examples are still wanted.
        foreach (var i in order)
        {
            if (assignment[i] >= 0)
                continue;
            var fold = Choose(folds, j => wantExamples[j], wantExamples, random);
            assignment[i] = fold;
            wantExamples[fold] -= 1;
        }
        return assignment;
    }

    private static int Choose(int folds, Func<int, double> primary, double[] wantExamples, SplitMixRandom random)
    {
        var best = new List<int>();
        for (var j = 0; j < folds; j++)
        {
            if (best.Count == 0)
            {
                best.Add(j);
                continue;
            }
            var b = best[0];
            var cmp = primary(j).CompareTo(primary(b));
            if (cmp == 0)
                cmp = wantExamples[j].CompareTo(wantExamples[b]);
            if (cmp > 0)
                best = [j];
            else if (cmp == 0)
                best.Add(j);
        }
        return best.Count == 1 ? best[0] : best[random.Next(best.Count)];
    }
}
