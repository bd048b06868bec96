using Ensemble.Grains.Abstractions.Clips;
using Ensemble.Grains.Registry;
using Ensemble.Grains.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.Runtime.Placement;

namespace Ensemble.Grains.Tests.Registry;

/// <summary>The active manifest version lives in grain storage: it survives the registry's deactivation and the loss of its silo.</summary>
public sealed class RegistryPersistenceTests
{
    [Fact]
    public async Task The_hot_swapped_version_stays_active_after_the_registry_deactivates_and_after_its_silo_dies()
    {
        await using var serving = await ServingCluster.StartAsync(hedging: false, 0, 0);
        var secondary = serving.Cluster.Silos[1];
        var first = await OnSiloAsync(secondary, () => serving.ActivateAsync("first", models: 2, seed: 1, idPrefix: "a"));
        var swapped = await serving.ActivateAsync("swapped", models: 2, seed: 2, idPrefix: "b");
        Assert.Equal(secondary.SiloAddress, await RegistrySiloAsync(serving));

        // Deactivated: the next activation (placed on the secondary again, to be killed below) reads the state back.
        await serving.Cluster.DeactivateAsync(serving.Registry);
        Assert.Equal(swapped.Version, (await OnSiloAsync(secondary, () => serving.Registry.GetActiveAsync())).Version);
        Assert.Equal(secondary.SiloAddress, await RegistrySiloAsync(serving));

        await serving.Cluster.KillSiloAsync(secondary);
        await serving.Cluster.WaitForLivenessToStabilizeAsync(didKill: true);
        Assert.Equal(swapped.Version, (await serving.Registry.GetActiveAsync()).Version);
        Assert.Equal(serving.Cluster.Silos[0].SiloAddress, await RegistrySiloAsync(serving));
        Assert.Equal(first.Version, (await serving.Registry.GetVersionAsync(first.Version)).Version); // older versions too

        // The survivors serve it: its model grains re-activate from the restored manifest.
        var request = ClipTagRequest.FromBytes("restored.wav", TestFeaturizer.Clip(4));
        var result = await serving.Client.GetGrain<IClipGrain>(0).TagAsync(request);
        using var direct = ServingCluster.Direct(swapped);
        Assert.Equal(swapped.Version, result.ManifestVersion);
        Assert.Equal(direct.Predict(request), result.Scores);
    }

    [Fact]
    public async Task The_state_round_trips_through_the_silos_grain_storage_serializer()
    {
        // Memory and Redis storage write state with the silo's default IGrainStorageSerializer (not the test's store).
        await using var serving = await ServingCluster.StartAsync(hedging: false, 0);
        var manifest = serving.Manifests.Write("stored", models: 2);
        var state = new RegistryState { ActiveVersion = manifest.Version };
        state.Versions[manifest.Version] = manifest;
        var serializer = serving.Cluster.Silos[0].ServiceProvider.GetRequiredService<IGrainStorageSerializer>();

        var back = serializer.Deserialize<RegistryState>(serializer.Serialize(state)) ?? throw new InvalidOperationException("state read back as null");

        Assert.Equal(manifest.Version, back.ActiveVersion);
        var restored = back.Versions[manifest.Version];
        Assert.Equal((manifest.Version, manifest.SourcePath, manifest.Audio), (restored.Version, restored.SourcePath, restored.Audio));
        Assert.Equal(manifest.Labels, restored.Labels);
        Assert.Equal(manifest.Models.Select(Describe), restored.Models.Select(Describe));
    }

    private static string Describe(Abstractions.Manifests.ServedModel m) =>
        $"{m.Id} {m.Architecture} {m.Weight} {m.MaxBatchCrops} {m.MaxQueueDelayMs} {string.Join(",", m.Files.Select(f => $"{f.Format}:{f.Path}:{f.Sha256}"))}";

    /// <summary>Runs a call that activates the registry with a placement hint for <paramref name="silo"/>.</summary>
    private static async Task<T> OnSiloAsync<T>(Orleans.TestingHost.SiloHandle silo, Func<Task<T>> call)
    {
        RequestContext.Set(IPlacementDirector.PlacementHintKey, silo.SiloAddress);
        try
        {
            return await call();
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }
    }

    private static async Task<SiloAddress> RegistrySiloAsync(ServingCluster serving)
    {
        var stats = await serving.Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return Assert.Single(stats, s => s.GrainId == serving.Registry.GetGrainId()).SiloAddress;
    }
}
