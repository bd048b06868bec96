namespace Ensemble.Grains.Inference;

/// <summary>
/// Which runtime a silo runs its models with. <see cref="Auto"/>: ONNX Runtime on CPU devices (on this machine it ran
/// 1.6-6.3x TorchSharp's crops/s), TorchSharp on CUDA devices (the ONNX runner has only the CPU provider).
/// </summary>
public enum ServingBackend
{
    Auto,
    Torch,
    Onnx,
}
