using Ensemble.Grains.Abstractions.Manifests;
using Ensemble.Models.Inference;

namespace Ensemble.Grains.Inference;

/// <summary>
/// Runners for the formats a manifest may name: "onnx" (ONNX Runtime, CPU). TorchSharp checkpoints ("torch") are
/// refused with a clear error until a TorchSharp runner is registered.
/// </summary>
public sealed class ServingModelRunnerFactory : IModelRunnerFactory
{
    public const string OnnxFormat = "onnx";
    public const string TorchFormat = "torch";

    public IModelRunner Create(ServedModel model, string device)
    {
        if (model.Format == OnnxFormat)
        {
            if (device != "cpu")
                throw new NotSupportedException($"{model.WeightsPath}: this build runs ONNX models on the CPU only, not on {device}");
            return new OnnxModelRunner(model.WeightsPath);
        }
        throw new NotSupportedException($"{model.WeightsPath}: model format '{model.Format}' has no runner in this build (supported: {OnnxFormat})");
    }
}
