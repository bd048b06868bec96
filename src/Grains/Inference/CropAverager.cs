namespace Ensemble.Grains.Inference;

/// <summary>
/// One model's clip score: the sigmoid of each crop's logits, averaged over the clip's TTA crops, each crop weighted by
/// how many TTA draws it stands for (distinct windows are scored once).
/// </summary>
public static class CropAverager
{
    public static float[] MeanSigmoid(ReadOnlySpan<float> logits, int cropCount, int classCount, ReadOnlySpan<int> weights = default)
    {
        if (logits.Length != cropCount * classCount)
            throw new ArgumentException($"{logits.Length} logits is not {cropCount} crops × {classCount} classes", nameof(logits));
        if (!weights.IsEmpty && weights.Length != cropCount)
            throw new ArgumentException($"{weights.Length} weights for {cropCount} crops", nameof(weights));
        var sums = new double[classCount];
        var total = 0.0;
        for (var crop = 0; crop < cropCount; crop++)
        {
            var weight = weights.IsEmpty ? 1 : weights[crop];
            if (weight <= 0)
                throw new ArgumentException($"crop {crop} has weight {weight}; weights must be positive", nameof(weights));
            total += weight;
            var row = logits.Slice(crop * classCount, classCount);
            for (var c = 0; c < classCount; c++)
                sums[c] += weight / (1.0 + Math.Exp(-row[c]));
        }
        var mean = new float[classCount];
        for (var c = 0; c < classCount; c++)
            mean[c] = (float)(sums[c] / total);
        return mean;
    }
}
