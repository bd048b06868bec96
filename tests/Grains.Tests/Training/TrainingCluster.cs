using System.Collections.Concurrent;
using Ensemble.Grains.Abstractions.Training;
using Ensemble.Grains.Hosting;
using Ensemble.Grains.Placement;
using Ensemble.Grains.Tests.Fakes;
using Ensemble.Grains.Training;
using Ensemble.Training.Recipes;
using Ensemble.Training.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Ensemble.Grains.Tests.Training;

/// <summary>
/// An in-process cluster of training silos, one CPU trainer each, leases on a shared <see cref="FakeTimeProvider"/>
/// (nothing expires unless a test advances it), the job table in <see cref="SharedGrainStorage"/> (it survives a
/// killed silo, as Redis would), in-memory reminders, and one <see cref="CommitBlocker"/> seeing every trainer.
/// Silo i runs build <c>builds[i]</c>.
/// </summary>
public sealed class TrainingCluster : IAsyncDisposable
{
    public const string Build = "test-build";
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    // Real time between the coordinator's lease checks; leases themselves are on the fake clock.
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromMilliseconds(200);

    private TrainingCluster(InProcessTestCluster cluster, FakeTimeProvider clock, CommitBlocker blocker)
    {
        Cluster = cluster;
        Clock = clock;
        Blocker = blocker;
    }

    public InProcessTestCluster Cluster { get; }
    public FakeTimeProvider Clock { get; }
    public CommitBlocker Blocker { get; }
    public IClusterClient Client => Cluster.Client;

    public ITrainingCoordinatorGrain Coordinator(string runId) => Client.GetGrain<ITrainingCoordinatorGrain>(runId);

    public static async Task<TrainingCluster> StartAsync(params string[] builds)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero));
        var blocker = new CommitBlocker();
        var store = new ConcurrentDictionary<string, byte[]>(StringComparer.Ordinal);
        var builder = new InProcessTestClusterBuilder((short)builds.Length);
        builder.Options.GatewayPerSilo = false;
        builder.ConfigureSilo((options, silo) =>
        {
            var index = TestSiloNames.IndexOf(options.SiloName);
            silo.AddEnsembleTraining(new TrainingOptions([TrainingOptions.CpuDevice], builds[index], lease: Lease, heartbeatInterval: HeartbeatInterval, clock: clock));
            // Serving too, as on a real silo: both put their keys into silo metadata.
            silo.AddEnsembleServing(GpuInventory.Simulate(1), new ServingOptions());
            silo.UseInMemoryReminderService();
            silo.Services.AddSingleton<ITrainerObserver>(blocker);
            silo.Services.AddKeyedSingleton<IGrainStorage>(TrainingStorage.Name, (sp, _) => new SharedGrainStorage(store, sp.GetRequiredService<IGrainStorageSerializer>()));
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new TrainingCluster(cluster, clock, blocker);
    }

    /// <summary>Submits the tiny recipe as run <paramref name="runId"/>: run folder <c>WORK/RUNID</c>, feature cache <c>WORK/cache</c>.</summary>
    public Task<TrainingRunStatus> SubmitTinyAsync(string runId, string dataPath, string workPath) =>
        Coordinator(runId).SubmitAsync(new TrainingRunSubmission(runId, RecipeJson.Serialize(TinyData.Recipe()), dataPath,
            Path.Combine(workPath, runId), Path.Combine(workPath, "cache"), Build));

    /// <summary>Polls the coordinator until <paramref name="done"/> holds (reconciling each time), or fails after <paramref name="limit"/>.</summary>
    public async Task<TrainingRunStatus> WaitForAsync(string runId, Func<TrainingRunStatus, bool> done, TimeSpan limit)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        var deadline = DateTime.UtcNow + limit;
        TrainingRunStatus status;
        do
        {
            status = await Coordinator(runId).ReconcileAsync();
            if (done(status))
                return status;
        }
        while (DateTime.UtcNow < deadline && await timer.WaitForNextTickAsync());
        throw new TimeoutException($"run {runId} did not get there within {limit}: {string.Join(", ", status.Jobs.Select(j => $"{j.Id} {j.State}"))}");
    }

    public async ValueTask DisposeAsync()
    {
        Blocker.Dispose();
        await Cluster.DisposeAsync();
    }
}
