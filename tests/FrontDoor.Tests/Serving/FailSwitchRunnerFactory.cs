using Ensemble.Grains.Abstractions.Manifests;
using Ensemble.Grains.Inference;
using Ensemble.Models.Inference;

namespace Ensemble.FrontDoor.Tests.Serving;

/// <summary>The silo's real runners; the one of <paramref name="switchedModelId"/> throws while <see cref="Failing"/> is set
/// (after warm-up), so a request with a deadline gets a partial answer that names it, and blocks inside its forward
/// pass while a <see cref="Hold"/> is in place, so a test can fill its queue.</summary>
internal sealed class FailSwitchRunnerFactory(string switchedModelId) : IModelRunnerFactory
{
    private readonly ServingModelRunnerFactory _real = new();
    private volatile RunHold? _hold;

    public volatile bool Failing;

    public IModelRunner Create(ServingManifest manifest, ServedModel model, ModelFile file, string device)
    {
        var runner = _real.Create(manifest, model, file, device);
        return model.Id == switchedModelId ? new SwitchedRunner(runner, this) : runner;
    }

    /// <summary>Holds the switched model's next forward passes until <see cref="RunHold.Release"/>.</summary>
    public RunHold Hold() => _hold = new RunHold();

    internal sealed class RunHold
    {
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Entered => _entered.Task;

        public void Release() => _released.TrySetResult();

        internal void Wait()
        {
            _entered.TrySetResult();
            _released.Task.Wait(); // runners are synchronous: hold the calling (device) thread
        }
    }

    private sealed class SwitchedRunner(IModelRunner inner, FailSwitchRunnerFactory owner) : IModelRunner
    {
        public (int MelBands, int Frames) CropShape => inner.CropShape;
        public int ClassCount => inner.ClassCount;

        public float[] Run(ReadOnlySpan<float> crops, int batchSize)
        {
            owner._hold?.Wait();
            return owner.Failing ? throw new InvalidOperationException("switched off by the test") : inner.Run(crops, batchSize);
        }

        public void Dispose() => inner.Dispose();
    }
}
