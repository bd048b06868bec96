using Ensemble.Audio;
using Ensemble.Grains.Abstractions.Manifests;
using Ensemble.Models.Checkpoints;
using Ensemble.Models.Inference;
using Ensemble.Settings;

namespace Ensemble.Grains.Inference;

/// <summary>
/// Runners for the formats a manifest may name: "torch" (TorchSharp checkpoint with its JSON sidecar, on the assigned
/// device; the checkpoint must match the manifest's architecture, classes and audio options, as `predict` checks) and "onnx" (ONNX
/// Runtime, CPU).
/// </summary>
public sealed class ServingModelRunnerFactory : IModelRunnerFactory
{
    public const string OnnxFormat = "onnx";
    public const string TorchFormat = "torch";

    public IModelRunner Create(ServingManifest manifest, ServedModel model, string device)
    {
        switch (model.Format)
        {
            case OnnxFormat:
                if (device != "cpu")
                    throw new NotSupportedException($"{model.WeightsPath}: this build runs ONNX models on the CPU only, not on {device}");
                return new OnnxModelRunner(model.WeightsPath, new OnnxModelRunnerOptions(expectedAudio: manifest.Audio));
            case TorchFormat:
                var options = new TorchModelRunnerOptions(manifest.Audio, device);
                var expectation = new CheckpointExpectation(model.Architecture, manifest.Labels, manifest.Audio);
                return TorchModelRunner.FromCheckpoint(model.WeightsPath, options, expectation);
            default:
                throw new NotSupportedException($"{model.WeightsPath}: model format '{model.Format}' has no runner (supported: {TorchFormat}, {OnnxFormat})");
        }
    }
}
