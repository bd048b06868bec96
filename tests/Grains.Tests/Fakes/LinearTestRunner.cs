using Ensemble.Models.Inference;

namespace Ensemble.Grains.Tests.Fakes;

/// <summary>
/// A tiny real model for serving tests: logits[c] = Slope[c] × mean(crop) + Bias[c], weights read from a file. Row-wise
/// (batch-independent), so batched and unbatched answers are bit-identical. <see cref="Gates"/> can hold it inside
/// Run to simulate a slow or hung device.
/// </summary>
public sealed class LinearTestRunner(float[] slope, float[] bias, (int MelBands, int Frames) cropShape, RunnerGates? gates, string silo, string modelId) : IModelRunner
{
    public (int MelBands, int Frames) CropShape { get; } = cropShape;
    public int ClassCount => slope.Length;

    public float[] Run(ReadOnlySpan<float> crops, int batchSize)
    {
        gates?.Pass(silo, modelId);
        var values = CropShape.MelBands * CropShape.Frames;
        if (crops.Length != batchSize * values)
            throw new ArgumentException($"{crops.Length} values for {batchSize} crops", nameof(crops));
        var logits = new float[batchSize * ClassCount];
        for (var b = 0; b < batchSize; b++)
        {
            double sum = 0;
            foreach (var v in crops.Slice(b * values, values))
                sum += v;
            var mean = (float)(sum / values);
            for (var c = 0; c < ClassCount; c++)
                logits[b * ClassCount + c] = slope[c] * mean + bias[c];
        }
        return logits;
    }

    public void Dispose()
    {
    }
}
