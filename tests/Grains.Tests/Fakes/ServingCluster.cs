using System.Collections.Concurrent;
using Ensemble.Grains.Abstractions.Manifests;
using Ensemble.Grains.Abstractions.Registry;
using Ensemble.Grains.Clips;
using Ensemble.Grains.Hosting;
using Ensemble.Grains.Inference;
using Ensemble.Grains.Placement;
using Ensemble.Grains.Registry;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Ensemble.Grains.Tests.Fakes;

/// <summary>
/// An in-process cluster for serving tests: silo i gets <c>gpusPerSilo[i]</c> simulated GPUs, linear test runners
/// (held by <see cref="Gates"/>), the test featurizer, and hedging after <see cref="HedgeAfter"/>. Only the primary
/// silo is a gateway, so clip grains (stateless workers) run there and the other silos can be killed mid-request.
/// The registry's state is in <see cref="SharedGrainStorage"/>, which outlives any one silo (as Redis does).
/// </summary>
public sealed class ServingCluster : IAsyncDisposable
{
    public static readonly TimeSpan HedgeAfter = TimeSpan.FromMilliseconds(500);

    private ServingCluster(InProcessTestCluster cluster, RunnerGates gates, TestManifests manifests)
    {
        Cluster = cluster;
        Gates = gates;
        Manifests = manifests;
    }

    public InProcessTestCluster Cluster { get; }
    public RunnerGates Gates { get; }
    public TestManifests Manifests { get; }
    public IClusterClient Client => Cluster.Client;
    public IRegistryGrain Registry => Client.GetGrain<IRegistryGrain>(IRegistryGrain.SingletonKey);

    public static Task<ServingCluster> StartAsync(params int[] gpusPerSilo) => StartAsync(hedging: true, gpusPerSilo);

    public static Task<ServingCluster> StartAsync(bool hedging, params int[] gpusPerSilo) =>
        StartAsync(new ServingOptions(HedgeAfter, hedgingEnabled: hedging), gpusPerSilo);

    public static async Task<ServingCluster> StartAsync(ServingOptions options, params int[] gpusPerSilo)
    {
        var gates = new RunnerGates();
        var manifests = new TestManifests();
        var store = new ConcurrentDictionary<string, byte[]>(StringComparer.Ordinal);
        var builder = new InProcessTestClusterBuilder((short)gpusPerSilo.Length);
        builder.Options.GatewayPerSilo = false;
        builder.ConfigureSilo((siloOptions, silo) =>
        {
            var index = TestSiloNames.IndexOf(siloOptions.SiloName);
            var gpus = gpusPerSilo[index];
            silo.AddEnsembleServing(gpus > 0 ? GpuInventory.Simulate(gpus) : GpuInventory.None, options);
            silo.Services.AddSingleton<IModelRunnerFactory>(new LinearTestRunnerFactory(gates, siloOptions.SiloName));
            silo.Services.AddSingleton<IClipFeaturizer>(new TestFeaturizer(gates));
            silo.Services.AddKeyedSingleton<IGrainStorage>(RegistryStorage.Name, (sp, _) => new SharedGrainStorage(store, sp.GetRequiredService<IGrainStorageSerializer>()));
        });
        builder.ConfigureClient(client => client.AddActivityPropagation());
        var cluster = builder.Build();
        await cluster.DeployAsync();
        await WaitForGpuMetadataAsync(cluster, gpusPerSilo.Count(g => g > 0));
        return new ServingCluster(cluster, gates, manifests);
    }

    /// <summary>Activates a fresh manifest of linear models and returns it.</summary>
    public Task<ServingManifest> ActivateAsync(string name, int models, int seed = 0, string idPrefix = "m") =>
        Registry.ActivateAsync(Manifests.Write(name, models, seed, idPrefix: idPrefix));

    /// <summary>The reference answer: the same manifest through <see cref="InProcessEnsemble"/>.</summary>
    public static InProcessEnsemble Direct(ServingManifest manifest) =>
        new(manifest, new TestFeaturizer(), new LinearTestRunnerFactory());

    // Silo metadata spreads asynchronously after a silo joins; placement needs it on every silo.
    private static async Task WaitForGpuMetadataAsync(InProcessTestCluster cluster, int gpuSilos)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var ready = cluster.Silos.All(silo =>
            {
                var cache = silo.ServiceProvider.GetRequiredService<ISiloMetadataCache>();
                return cluster.Silos.Count(other => GpuInventory.FromMetadata(cache.GetSiloMetadata(other.SiloAddress).Metadata).HasGpus) == gpuSilos;
            });
            if (ready)
                return;
            await timer.WaitForNextTickAsync();
        }
        throw new TimeoutException("silo metadata did not reach every silo within 30 s");
    }

    public async ValueTask DisposeAsync()
    {
        Gates.Dispose();
        await Cluster.DisposeAsync();
        Manifests.Dispose();
    }
}
