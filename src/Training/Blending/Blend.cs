namespace Ensemble.Training.Blending;

/// <summary>Weighted averages of per-model score matrices (row-major [clips, classes], same shape each).</summary>
public static class Blend
{
    public static float[] Apply(IReadOnlyList<float[]> predictions, IReadOnlyList<double> weights)
    {
        if (predictions.Count == 0)
            throw new ArgumentException("at least one prediction matrix is needed.", nameof(predictions));
        if (weights.Count != predictions.Count)
            throw new ArgumentException($"{weights.Count} weights for {predictions.Count} prediction matrices.", nameof(weights));
        var length = predictions[0].Length;
        var result = new double[length];
        for (var m = 0; m < predictions.Count; m++)
        {
            if (predictions[m].Length != length)
                throw new ArgumentException($"prediction {m} has {predictions[m].Length} values, expected {length}.", nameof(predictions));
            var w = weights[m];
            var p = predictions[m];
            for (var i = 0; i < length; i++)
                result[i] += w * p[i];
        }
        return result.Select(v => (float)v).ToArray();
    }

    public static double[] EqualWeights(int models) => Enumerable.Repeat(1.0 / models, models).ToArray();
}
