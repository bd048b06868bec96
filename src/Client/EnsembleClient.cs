using Ensemble.Grains.Abstractions.Clips;
using Ensemble.Grains.Abstractions.Manifests;
using Ensemble.Grains.Abstractions.Registry;
using Ensemble.Grains.Abstractions.Telemetry;

namespace Ensemble.Client;

/// <summary>
/// Tags audio clips on an Ensemble cluster (or an embedded silo): the library applications use. Each call is one
/// trace (client span → clip grain → models → blend). Thread-safe; share one instance.
/// </summary>
public sealed class EnsembleClient(IGrainFactory grains)
{
    public const int DefaultConcurrency = 4;

    private IRegistryGrain Registry => grains.GetGrain<IRegistryGrain>(IRegistryGrain.SingletonKey);

    /// <summary>The manifest the cluster serves (labels in submission column order, models, weights).</summary>
    public Task<ServingManifest> GetManifestAsync() => Registry.GetActiveAsync();

    /// <summary>The silos currently active in the cluster (for status output and tests).</summary>
    public async Task<string[]> GetSilosAsync()
    {
        var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        return hosts.Keys.Select(s => s.ToString()).Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Hot-swaps the cluster to the manifest at <paramref name="manifestPath"/> (a path every silo can read).</summary>
    public Task<ServingManifest> ActivateAsync(string manifestPath) => Registry.ActivateFromPathAsync(Path.GetFullPath(manifestPath));

    /// <summary>Tags a WAV file: reads it here and sends the bytes (use <see cref="TagSharedPathAsync"/> for shared storage).</summary>
    public async Task<ClipTagResult> TagFileAsync(string path, int topK = ClipTagRequest.DefaultTopK, int? deadlineMs = null, CancellationToken cancellationToken = default)
    {
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        return await TagAsync(ClipTagRequest.FromBytes(Path.GetFileName(path), bytes, topK, deadlineMs));
    }

    /// <summary>Tags a clip on storage every silo shares: only the path travels.</summary>
    public Task<ClipTagResult> TagSharedPathAsync(string path, int topK = ClipTagRequest.DefaultTopK, int? deadlineMs = null) =>
        TagAsync(ClipTagRequest.FromSharedPath(Path.GetFullPath(path), topK, deadlineMs));

    public async Task<ClipTagResult> TagAsync(ClipTagRequest request)
    {
        request.Validate();
        using var span = ServingTelemetry.Source.StartActivity(ServingTelemetry.ClientSpan);
        span?.SetTag(ServingTelemetry.ClipTag, request.ClipName);
        var result = await grains.GetGrain<IClipGrain>(0).TagAsync(request);
        span?.SetTag(ServingTelemetry.PartialTag, result.IsPartial);
        return result;
    }

    /// <summary>Tags many files with up to <paramref name="concurrency"/> in flight; results in input order.</summary>
    public async Task<ClipTagResult[]> TagFilesAsync(IReadOnlyList<string> paths, int topK = ClipTagRequest.DefaultTopK, int? deadlineMs = null,
        int concurrency = DefaultConcurrency, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(concurrency);
        var results = new ClipTagResult[paths.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, paths.Count), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (i, ct) => results[i] = await TagFileAsync(paths[i], topK, deadlineMs, ct));
        return results;
    }
}
