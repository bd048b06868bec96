using Ensemble.Grains.Abstractions.Models;
using Ensemble.Grains.Abstractions.Registry;
using Microsoft.Extensions.Hosting;

namespace Ensemble.Grains.Hosting;

/// <summary>
/// <see cref="ISiloReadiness"/> of this silo. Active: between the silo lifecycle's <see cref="ServiceLifecycleStage.Active"/>
/// start and stop (the stop runs first on shutdown, before the stage that deactivates grains) and not once the host
/// signals <see cref="IHostApplicationLifetime.ApplicationStopping"/>. Warm: each model grain of the active manifest (every
/// replica) answers its warm-up within <see cref="ServingOptions.ReadinessProbeTimeout"/>; a grain that had to
/// re-activate (its silo was lost) is loaded and warmed by the probe itself, so readiness comes back once it is.
/// </summary>
public sealed class SiloReadiness(IGrainFactory grains, ServingOptions options, IHostApplicationLifetime lifetime, TimeProvider time)
    : ISiloReadiness, ILifecycleParticipant<ISiloLifecycle>
{
    private volatile SiloPhase _phase = SiloPhase.Starting;

    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe(nameof(SiloReadiness), ServiceLifecycleStage.Active,
            _ =>
            {
                _phase = SiloPhase.Active;
                return Task.CompletedTask;
            },
            _ =>
            {
                _phase = SiloPhase.Stopping;
                return Task.CompletedTask;
            });
    }

    public async Task<SiloReadinessReport> CheckAsync()
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested || _phase == SiloPhase.Stopping)
            return SiloReadinessReport.NotReady("the silo is stopping");
        if (_phase != SiloPhase.Active)
            return SiloReadinessReport.NotReady("the silo is not active yet");
        Abstractions.Manifests.ServingManifest manifest;
        try
        {
            manifest = await grains.GetGrain<IRegistryGrain>(IRegistryGrain.SingletonKey).GetActiveAsync();
        }
        catch (InvalidOperationException e)
        {
            return SiloReadinessReport.NotReady(e.Message); // no manifest active yet: the answer, not a fault
        }
#pragma warning disable CA1031 // Not swallowed: a default manifest that could not go active is this probe's answer (not ready, with its error).
        catch (Exception e)
#pragma warning restore CA1031
        {
            return SiloReadinessReport.NotReady($"no manifest active: {e.GetType().Name}: {e.Message}");
        }
        var keys = manifest.Models.SelectMany(m => Enumerable.Range(0, options.Replicas).Select(r => ModelGrainKey.Format(manifest.Version, m.Id, r)));
        var problems = (await Task.WhenAll(keys.Select(ProbeAsync))).OfType<string>().ToArray();
        return problems.Length == 0
            ? new SiloReadinessReport(true, $"manifest {manifest.Version} active, {manifest.Models.Length} model(s) warm")
            : SiloReadinessReport.NotReady($"manifest {manifest.Version}: {string.Join("; ", problems)}");
    }

    /// <summary>Null when the model grain is warm, else why not.</summary>
    private async Task<string?> ProbeAsync(string key)
    {
        try
        {
            await grains.GetGrain<IModelGrain>(key).WarmUpAsync().WaitAsync(options.ReadinessProbeTimeout, time);
            return null;
        }
        catch (TimeoutException)
        {
            return $"model grain {key} not warm within {options.ReadinessProbeTimeout.TotalMilliseconds} ms";
        }
#pragma warning disable CA1031 // Not swallowed: a model grain that cannot load is this probe's answer (not ready, with its error).
        catch (Exception e)
#pragma warning restore CA1031
        {
            return $"model grain {key} failed: {e.GetType().Name}: {e.Message}";
        }
    }

    private enum SiloPhase
    {
        Starting,
        Active,
        Stopping,
    }
}
