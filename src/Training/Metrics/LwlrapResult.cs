namespace Ensemble.Training.Metrics;

/// <summary>
/// lwlrap and its per-class decomposition: <see cref="Overall"/> = Σ_c <see cref="Weights"/>[c] · <see cref="PerClass"/>[c].
/// A class with no true label has weight 0 and a per-class value of NaN (it has no average precision).
/// </summary>
public sealed record LwlrapResult(double Overall, double[] PerClass, double[] Weights, int[] LabelCounts)
{
    public int TotalLabels => LabelCounts.Sum();
}
