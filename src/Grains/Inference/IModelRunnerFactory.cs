using Ensemble.Grains.Abstractions.Manifests;
using Ensemble.Models.Inference;

namespace Ensemble.Grains.Inference;

/// <summary>
/// Turns a manifest entry's chosen file (<see cref="ModelFileChoice"/>, already SHA-256 verified) into a runner on a
/// device ("cpu", "cuda:N"). The silo registers the real one (TorchSharp checkpoints, ONNX); tests register small
/// deterministic runners. Called on the device's worker thread.
/// </summary>
public interface IModelRunnerFactory
{
    IModelRunner Create(ServingManifest manifest, ServedModel model, ModelFile file, string device);
}
