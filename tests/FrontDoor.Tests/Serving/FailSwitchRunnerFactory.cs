using Ensemble.Grains.Abstractions.Manifests;
using Ensemble.Grains.Inference;
using Ensemble.Models.Inference;

namespace Ensemble.FrontDoor.Tests.Serving;

/// <summary>The silo's real runners; the one of <paramref name="failingModelId"/> throws while <see cref="Failing"/> is set
/// (after warm-up), so a request with a deadline gets a partial answer that names it.</summary>
internal sealed class FailSwitchRunnerFactory(string failingModelId) : IModelRunnerFactory
{
    private readonly ServingModelRunnerFactory _real = new();

    public volatile bool Failing;

    public IModelRunner Create(ServingManifest manifest, ServedModel model, ModelFile file, string device)
    {
        var runner = _real.Create(manifest, model, file, device);
        return model.Id == failingModelId ? new SwitchedRunner(runner, this) : runner;
    }

    private sealed class SwitchedRunner(IModelRunner inner, FailSwitchRunnerFactory owner) : IModelRunner
    {
        public (int MelBands, int Frames) CropShape => inner.CropShape;
        public int ClassCount => inner.ClassCount;

        public float[] Run(ReadOnlySpan<float> crops, int batchSize) =>
            owner.Failing ? throw new InvalidOperationException("switched off by the test") : inner.Run(crops, batchSize);

        public void Dispose() => inner.Dispose();
    }
}
