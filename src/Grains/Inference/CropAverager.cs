namespace Ensemble.Grains.Inference;

/// <summary>One model's clip score: the sigmoid of each crop's logits, averaged over the clip's TTA crops.</summary>
public static class CropAverager
{
    public static float[] MeanSigmoid(ReadOnlySpan<float> logits, int cropCount, int classCount)
    {
        if (logits.Length != cropCount * classCount)
            throw new ArgumentException($"{logits.Length} logits is not {cropCount} crops × {classCount} classes", nameof(logits));
        var sums = new double[classCount];
        for (var crop = 0; crop < cropCount; crop++)
        {
            var row = logits.Slice(crop * classCount, classCount);
            for (var c = 0; c < classCount; c++)
                sums[c] += 1.0 / (1.0 + Math.Exp(-row[c]));
        }
        var mean = new float[classCount];
        for (var c = 0; c < classCount; c++)
            mean[c] = (float)(sums[c] / cropCount);
        return mean;
    }
}
