namespace Ensemble.Grains.Clips;

/// <summary>The ensemble blend: the weighted mean of the models' clip probabilities (weights renormalised over the
/// models present, so a partial answer stays a probability).</summary>
public static class ScoreBlender
{
    public static float[] Blend(IReadOnlyList<(float[] Probabilities, double Weight)> models)
    {
        if (models.Count == 0)
            throw new ArgumentException("nothing to blend: no model answered", nameof(models));
        var classes = models[0].Probabilities.Length;
        var total = models.Sum(m => m.Weight);
        if (!(total > 0))
            throw new ArgumentException($"blend weights sum to {total}", nameof(models));
        var sums = new double[classes];
        foreach (var (probabilities, weight) in models)
        {
            if (probabilities.Length != classes)
                throw new ArgumentException($"models disagree on the class count: {probabilities.Length} vs {classes}", nameof(models));
            for (var c = 0; c < classes; c++)
                sums[c] += weight * probabilities[c];
        }
        return sums.Select(s => (float)(s / total)).ToArray();
    }
}
