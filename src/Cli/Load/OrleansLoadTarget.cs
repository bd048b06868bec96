using Ensemble.Grains.Abstractions.Clips;

namespace Ensemble.Cli.Load;

/// <summary>Load through the client library (the Orleans path `tag` uses), retries and per-call timeout included.</summary>
internal sealed class OrleansLoadTarget(EnsembleConnection connection, int? deadlineMs) : ILoadTarget
{
    public string Description => connection.Description;

    public async Task<LoadAnswer> SendAsync(LoadClip clip, Action onAttempt, CancellationToken cancellationToken)
    {
        var result = await connection.Client.TagAsync(ClipTagRequest.FromBytes(clip.Name, clip.WavBytes, topK: 1, deadlineMs), onAttempt, cancellationToken);
        var slowest = result.Timings.MaxBy(t => t.RoundTripMs);
        return new LoadAnswer(result.IsPartial, slowest?.QueueWaitMs ?? 0, slowest?.InferenceMs ?? 0);
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
