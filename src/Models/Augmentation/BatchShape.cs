using TorchSharp;
using static TorchSharp.torch;

namespace Ensemble.Models.Augmentation;

internal static class BatchShape
{
    public static void Require(Tensor batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.dim() != 4)
            throw new ArgumentException($"augmentations take [B, C, F, T] batches, got [{string.Join(", ", batch.shape)}]", nameof(batch));
    }

    /// <summary>A view of sample <paramref name="index"/>, all channels, inside <paramref name="r"/>.</summary>
    public static Tensor Region(Tensor batch, int index, Rectangle r) =>
        batch[index, TensorIndex.Colon, TensorIndex.Slice(r.Top, r.Top + r.Height), TensorIndex.Slice(r.Left, r.Left + r.Width)];
}
