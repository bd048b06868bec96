using static TorchSharp.torch;

namespace Ensemble.Models.Augmentation;

/// <summary>A label-preserving augmentation of a [B, C, F, T] batch; returns a new tensor, the input is left as it was.</summary>
public interface IBatchAugmentation
{
    Tensor Apply(Tensor batch);
}
