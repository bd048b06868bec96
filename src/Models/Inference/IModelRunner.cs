namespace Ensemble.Models.Inference;

/// <summary>
/// One inference interface over every backend (TorchSharp, ONNX Runtime): a batch of log-mel crops in, logits out.
/// Crops are row-major [batch, 1, mel bands, frames] of log-mel dB values; the runner normalises each crop
/// (<see cref="CropNormalization"/>) and repeats channels itself for 3-channel models.
/// Thread safety: <see cref="Run"/> must be safe to call from several threads at once and give the same logits as
/// sequential calls (each implementation says how: <see cref="TorchModelRunner"/> serialises calls with a lock).
/// </summary>
public interface IModelRunner : IDisposable
{
    /// <summary>Mel bands and frames of one crop, e.g. 128 × 128.</summary>
    (int MelBands, int Frames) CropShape { get; }

    int ClassCount { get; }

    /// <summary>Runs <paramref name="batchSize"/> crops; returns logits [batchSize, ClassCount] row-major.</summary>
    float[] Run(ReadOnlySpan<float> crops, int batchSize);
}
