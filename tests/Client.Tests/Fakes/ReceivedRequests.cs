using System.Collections.Concurrent;
using System.Diagnostics;
using Ensemble.Grains.Abstractions.Clips;

namespace Ensemble.Client.Tests.Fakes;

/// <summary>What the fake grains of one silo received, with the trace each call ran in.</summary>
public sealed class ReceivedRequests
{
    private readonly ConcurrentQueue<(ClipTagRequest Request, ActivityTraceId? TraceId)> _clips = new();
    private readonly ConcurrentQueue<string> _manifestPaths = new();

    public void AddClip(ClipTagRequest request) => _clips.Enqueue((request, Activity.Current?.TraceId));
    public void AddManifestPath(string path) => _manifestPaths.Enqueue(path);

    public (ClipTagRequest Request, ActivityTraceId? TraceId)[] ClipsNamed(string clipName) => _clips.Where(c => c.Request.ClipName == clipName).ToArray();
    public string[] ManifestPaths => _manifestPaths.ToArray();
    public int ClipCount => _clips.Count;
}
