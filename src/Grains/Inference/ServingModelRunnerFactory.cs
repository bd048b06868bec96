using Ensemble.Grains.Abstractions.Manifests;
using Ensemble.Models.Checkpoints;
using Ensemble.Models.Inference;
using Ensemble.Models.Onnx;

namespace Ensemble.Grains.Inference;

/// <summary>
/// Runners for the formats a manifest may name: "torch" (TorchSharp checkpoint with its JSON sidecar, on the assigned
/// device; the checkpoint must match the manifest's architecture, classes and settings record, as `predict` checks)
/// and "onnx" (ONNX Runtime, CPU; the file's metadata must match the same three: the check a checkpoint gets).
/// </summary>
public sealed class ServingModelRunnerFactory : IModelRunnerFactory
{
    public const string OnnxFormat = ModelFile.OnnxFormat;
    public const string TorchFormat = ModelFile.TorchFormat;

    public IModelRunner Create(ServingManifest manifest, ServedModel model, ModelFile file, string device)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(file);
        switch (file.Format)
        {
            case OnnxFormat:
                if (device != "cpu")
                    throw new NotSupportedException($"{file.Path}: this build runs ONNX models on the CPU only, not on {device} (serve it with --backend torch or auto)");
                var runner = new OnnxModelRunner(file.Path, new OnnxModelRunnerOptions(expectedAudio: manifest.Audio));
                try
                {
                    CheckOnnxMetadata(runner.Metadata, manifest, model, file);
                }
                catch
                {
                    runner.Dispose();
                    throw;
                }
                return runner;
            case TorchFormat:
                var options = new TorchModelRunnerOptions(manifest.Audio, device);
                var expectation = new CheckpointExpectation(model.Architecture, manifest.Labels, manifest.Audio);
                return TorchModelRunner.FromCheckpoint(file.Path, options, expectation);
            default:
                throw new NotSupportedException($"{file.Path}: model format '{file.Format}' has no runner (supported: {TorchFormat}, {OnnxFormat})");
        }
    }

    private static void CheckOnnxMetadata(OnnxModelMetadata metadata, ServingManifest manifest, ServedModel model, ModelFile file)
    {
        if (metadata.Architecture != model.Architecture)
            throw new ModelIntegrityException(file.Path, $"ONNX file holds a {metadata.Architecture}, the manifest says {model.Architecture}");
        if (metadata.ClassCount != manifest.Labels.Length)
            throw new ModelIntegrityException(file.Path, $"ONNX file has {metadata.ClassCount} classes, the manifest {manifest.Labels.Length}");
        if (metadata.ClassNames is { } names && !names.SequenceEqual(manifest.Labels, StringComparer.Ordinal))
            throw new ModelIntegrityException(file.Path, "ONNX file's class names differ from the manifest's labels (order included)");
    }
}
