using Ensemble.Grains.Abstractions.Clips;
using Ensemble.Grains.Abstractions.Models;
using Orleans.Concurrency;

namespace Ensemble.Client.Tests.Fakes;

/// <summary>
/// Answers with what arrived: one score, the WAV byte count (-1 for a shared path), under the label of the path or
/// "bytes"; a clip named <see cref="FailingClip"/> throws <see cref="FakeClipException"/> instead, one named
/// <see cref="OverloadedClip"/> the serving path's <see cref="ModelOverloadedException"/>. Placed as the real clip
/// grain is: a stateless worker on the silo whose gateway the call came through.
/// </summary>
[StatelessWorker]
public sealed class EchoClipGrain(ReceivedRequests received) : Grain, IClipGrain
{
    public const string Version = "echo";
    public const string BytesLabel = "bytes";
    public const string FailingClip = "failing.wav";
    public const string OverloadedClip = "overloaded.wav";
    public const string OverloadedModel = "v1/m0/0";

    public Task<ClipTagResult> TagAsync(ClipTagRequest request)
    {
        received.AddClip(request);
        if (request.ClipName == FailingClip)
            throw new FakeClipException($"{request.ClipName}: refused inside the grain");
        if (request.ClipName == OverloadedClip)
            throw new ModelOverloadedException(OverloadedModel, 1, 1);
        var score = request.WavBytes?.Length ?? -1;
        return Task.FromResult(new ClipTagResult(ClipName: request.ClipName, ManifestVersion: Version, Scores: [score],
            Top: [new LabelScore(request.SharedPath ?? BytesLabel, score)], Timings: [], IsPartial: false, MissingModels: [], FeatureMs: 0, TotalMs: 0));
    }
}
