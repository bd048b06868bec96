using Ensemble.Grains.Abstractions.Manifests;
using Ensemble.Grains.Abstractions.Models;
using Ensemble.Grains.Abstractions.Registry;
using Ensemble.Grains.Hosting;
using Ensemble.Grains.Manifests;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace Ensemble.Grains.Registry;

/// <summary>
/// The active manifest. Activation of a new version warms all its model grains (every replica, so placement spreads
/// them from this one silo) before the switch; older versions stay known so that their in-flight requests and model
/// grains can still look them up. Starts with the silo's default manifest when it has one.
/// </summary>
[Reentrant]
public sealed partial class RegistryGrain(ServingOptions options, ILogger<RegistryGrain> logger) : Grain, IRegistryGrain
{
    private readonly Dictionary<string, ServingManifest> _versions = new(StringComparer.Ordinal);
    private ServingManifest? _active;
    private Task? _loadingDefault;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (options.DefaultManifestPath is { } path)
            _loadingDefault = ActivateFromPathAsync(path);
        return Task.CompletedTask;
    }

    public async Task<ServingManifest> GetActiveAsync()
    {
        if (_active is null && _loadingDefault is { } loading)
            await loading;
        return _active ?? throw new InvalidOperationException("no manifest is active: start the silo with --run RUN or call ActivateAsync");
    }

    public Task<ServingManifest> GetVersionAsync(string version) =>
        _versions.TryGetValue(version, out var manifest)
            ? Task.FromResult(manifest)
            : throw new KeyNotFoundException($"manifest version {version} is unknown to the registry");

    public async Task<ServingManifest> ActivateAsync(ServingManifest manifest)
    {
        manifest.Validate();
        _versions[manifest.Version] = manifest;
        var replicas = options.Replicas;
        // One replica round at a time: all primaries spread first, then each hedge replica goes to another silo.
        var warmed = new List<ModelGrainStatus>();
        for (var replica = 0; replica < replicas; replica++)
        {
            var round = replica;
            warmed.AddRange(await Task.WhenAll(manifest.Models
                .Select(m => GrainFactory.GetGrain<IModelGrain>(ModelGrainKey.Format(manifest.Version, m.Id, round)).WarmUpAsync())));
        }
        _active = manifest;
        if (logger.IsEnabled(LogLevel.Information))
        {
            var silos = warmed.Select(w => w.Silo).Distinct().Count(); // counted only when the line is written
            LogManifestActive(logger, manifest.Version, manifest.SourcePath, warmed.Count, silos);
        }
        return manifest;
    }

    public Task<ServingManifest> ActivateFromPathAsync(string manifestPath) => ActivateAsync(ServingManifestFile.Read(manifestPath));

    [LoggerMessage(Level = LogLevel.Information, Message = "manifest {Version} from {Path} active: {Count} model activations on {Silos} silo(s)")]
    private static partial void LogManifestActive(ILogger logger, string version, string path, int count, int silos);
}
