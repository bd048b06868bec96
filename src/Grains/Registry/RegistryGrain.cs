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
/// grains can still look them up. Versions and the active one are persisted (<see cref="RegistryStorage"/>): a registry
/// re-activated after its silo was lost serves the version that was active, not the silo's default. Starts with the
/// silo's default manifest only when storage holds none.
/// An explicit activation (a hot swap) is refused when any model cannot load, so the working version keeps serving.
/// The silo's default manifest at start-up has nothing to fall back on: it goes active with the models that load,
/// while the ones that cannot are logged, named in partial answers and keep the silo not ready (SiloReadiness).
/// </summary>
[Reentrant]
public sealed partial class RegistryGrain(
    [PersistentState(RegistryStorage.StateName, RegistryStorage.Name)] IPersistentState<RegistryState> persisted,
    ServingOptions options,
    ILogger<RegistryGrain> logger) : Grain, IRegistryGrain, IDisposable
{
    // Reentrant: two activations may finish together, and overlapping writes of one state would conflict on its ETag.
    private readonly SemaphoreSlim _writing = new(1, 1);
    private ServingManifest? _active;
    private Task? _loadingDefault;

    private Dictionary<string, ServingManifest> Versions => persisted.State.Versions;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (persisted.State.ActiveVersion is { } version)
        {
            _active = Versions.TryGetValue(version, out var restored) ? restored
                : throw new InvalidOperationException($"registry storage names active version {version} but holds only {string.Join(", ", Versions.Keys)}");
            LogRestored(logger, version, restored.SourcePath);
        }
        else if (options.DefaultManifestPath is { } path)
        {
            _loadingDefault = ActivateCoreAsync(ServingManifestFile.Read(path), allowFailedModels: true);
        }
        return Task.CompletedTask;
    }

    public async Task<ServingManifest> GetActiveAsync()
    {
        if (_active is null && _loadingDefault is { } loading)
            await loading;
        return _active ?? throw new InvalidOperationException("no manifest is active: start the silo with --run RUN or call ActivateAsync");
    }

    public Task<ServingManifest> GetVersionAsync(string version) =>
        Versions.TryGetValue(version, out var manifest)
            ? Task.FromResult(manifest)
            : throw new KeyNotFoundException($"manifest version {version} is unknown to the registry");

    public Task<ServingManifest> ActivateAsync(ServingManifest manifest) => ActivateCoreAsync(manifest, allowFailedModels: false);

    private async Task<ServingManifest> ActivateCoreAsync(ServingManifest manifest, bool allowFailedModels)
    {
        manifest.Validate();
        Versions[manifest.Version] = manifest;
        var replicas = options.Replicas;
        // One replica round at a time: all primaries spread first, then each hedge replica goes to another silo.
        var warmed = new List<ModelGrainStatus>();
        var failures = new List<(string Key, Exception Error)>();
        for (var replica = 0; replica < replicas; replica++)
        {
            var round = replica;
            var keys = manifest.Models.Select(m => ModelGrainKey.Format(manifest.Version, m.Id, round)).ToArray();
            var warmUps = keys.Select(k => GrainFactory.GetGrain<IModelGrain>(k).WarmUpAsync()).ToArray();
            // Each failure is looked at below, per model (and rethrown when the activation must fail).
            await ((Task)Task.WhenAll(warmUps)).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext | ConfigureAwaitOptions.SuppressThrowing);
            for (var i = 0; i < keys.Length; i++)
            {
                if (warmUps[i].IsCompletedSuccessfully)
                    warmed.Add(warmUps[i].Result);
                else
                    failures.Add((keys[i], warmUps[i].Exception?.GetBaseException() ?? new TaskCanceledException($"model grain {keys[i]}: warm-up cancelled")));
            }
            if (failures.Count > 0 && !allowFailedModels)
                break; // refused anyway: warm no more replicas of it
        }
        if (failures.Count > 0)
        {
            foreach (var (key, error) in failures)
                LogModelFailed(logger, manifest.Version, key, error.GetType().Name, error.Message);
            if (!allowFailedModels || warmed.Count == 0)
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failures[0].Error);
        }
        await _writing.WaitAsync();
        try
        {
            persisted.State.ActiveVersion = manifest.Version;
            await persisted.WriteStateAsync();
        }
        finally
        {
            _writing.Release();
        }
        _active = manifest; // switched only once stored: a registry that re-activates elsewhere serves what callers saw
        if (logger.IsEnabled(LogLevel.Information))
        {
            var silos = warmed.Select(w => w.Silo).Distinct().Count(); // counted only when the line is written
            LogManifestActive(logger, manifest.Version, manifest.SourcePath, warmed.Count, silos);
        }
        return manifest;
    }

    public Task<ServingManifest> ActivateFromPathAsync(string manifestPath) => ActivateAsync(ServingManifestFile.Read(manifestPath));

    [LoggerMessage(Level = LogLevel.Error, Message = "manifest {Version}: model grain {Key} cannot load: {Kind}: {Problem}")]
    private static partial void LogModelFailed(ILogger logger, string version, string key, string kind, string problem);

    public void Dispose() => _writing.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "manifest {Version} from {Path} restored from registry storage as the active one")]
    private static partial void LogRestored(ILogger logger, string version, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "manifest {Version} from {Path} active: {Count} model activations on {Silos} silo(s)")]
    private static partial void LogManifestActive(ILogger logger, string version, string path, int count, int silos);
}
