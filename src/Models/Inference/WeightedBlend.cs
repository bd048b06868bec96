namespace Ensemble.Models.Inference;

/// <summary>
/// The one blend of the project: the weighted mean of equally shaped score arrays (one clip's class vector, or a
/// row-major [clips, classes] matrix: the same element-wise formula). Weights are renormalised over the parts given, so
/// a partial ensemble (a model missed its deadline) still yields probabilities and a full one gives the same values
/// whether or not its weights already sum to 1.
/// </summary>
public static class WeightedBlend
{
    public static float[] Apply(IReadOnlyList<float[]> parts, IReadOnlyList<double> weights)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(weights);
        if (parts.Count == 0)
            throw new ArgumentException("nothing to blend: no scores given", nameof(parts));
        if (weights.Count != parts.Count)
            throw new ArgumentException($"{weights.Count} weights for {parts.Count} score arrays", nameof(weights));
        var length = parts[0].Length;
        var total = 0.0;
        foreach (var w in weights)
        {
            if (!(w >= 0) || double.IsInfinity(w))
                throw new ArgumentException($"blend weights must be finite and non-negative, got {w}", nameof(weights));
            total += w;
        }
        if (!(total > 0))
            throw new ArgumentException($"blend weights sum to {total}", nameof(weights));
        var sums = new double[length];
        for (var m = 0; m < parts.Count; m++)
        {
            var part = parts[m];
            if (part.Length != length)
                throw new ArgumentException($"score array {m} has {part.Length} values, the first has {length}", nameof(parts));
            var w = weights[m];
            for (var i = 0; i < length; i++)
                sums[i] += w * part[i];
        }
        var blended = new float[length];
        for (var i = 0; i < length; i++)
            blended[i] = (float)(sums[i] / total);
        return blended;
    }

    /// <summary>1/n for each of <paramref name="parts"/> parts.</summary>
    public static double[] EqualWeights(int parts)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(parts);
        return Enumerable.Repeat(1.0 / parts, parts).ToArray();
    }
}
