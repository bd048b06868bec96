using TorchSharp;
using static TorchSharp.torch;

namespace Ensemble.Models.Checkpoints;

/// <summary>A verified checkpoint: its network (on the CPU, in eval mode) and its sidecar.</summary>
public sealed record LoadedCheckpoint(nn.Module<Tensor, Tensor> Model, CheckpointMetadata Metadata) : IDisposable
{
    public void Dispose() => Model.Dispose();
}
