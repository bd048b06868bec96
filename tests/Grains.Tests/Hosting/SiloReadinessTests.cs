using Ensemble.Grains.Abstractions.Clips;
using Ensemble.Grains.Abstractions.Models;
using Ensemble.Grains.Abstractions.Registry;
using Ensemble.Grains.Hosting;
using Ensemble.Grains.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Core.Internal;

namespace Ensemble.Grains.Tests.Hosting;

/// <summary>Ready = this silo active and every model grain of the active manifest warm; stopping turns it not-ready before the drain.</summary>
public sealed class SiloReadinessTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Not_ready_before_a_manifest_or_while_it_warms_and_ready_once_warm()
    {
        await using var serving = await ServingCluster.StartAsync(hedging: false, 0);
        var silo = serving.Cluster.Silos[0].ServiceProvider;
        var readiness = silo.GetRequiredService<ISiloReadiness>();

        // A readiness the silo lifecycle never started: not active, whatever the cluster holds.
        var unstarted = await ActivatorUtilities.CreateInstance<SiloReadiness>(silo).CheckAsync();
        Assert.Equal((false, "the silo is not active yet"), (unstarted.IsReady, unstarted.Reason));

        var empty = await readiness.CheckAsync();
        Assert.False(empty.IsReady);
        Assert.Contains("no manifest is active", empty.Reason, StringComparison.Ordinal);

        var gate = serving.Gates.Block("*", "*");
        var activating = serving.ActivateAsync("ready", models: 2);
        await gate.Entered.WaitAsync(Wait); // a model grain is running its warm-up batch
        Assert.False((await readiness.CheckAsync()).IsReady);
        gate.Release();
        var manifest = await activating;

        var warm = await readiness.CheckAsync();
        Assert.True(warm.IsReady, warm.Reason);
        Assert.Contains(manifest.Version, warm.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_grain_that_lost_its_activation_is_not_ready_until_the_probe_has_warmed_it_again()
    {
        await using var serving = await ServingCluster.StartAsync(new ServingOptions(hedgingEnabled: false, readinessProbeTimeout: TimeSpan.FromMilliseconds(300)), 0);
        var readiness = serving.Cluster.Silos[0].ServiceProvider.GetRequiredService<ISiloReadiness>();
        var manifest = await serving.ActivateAsync("cold", models: 2);
        Assert.True((await readiness.CheckAsync()).IsReady);

        var key = ModelGrainKey.Format(manifest.Version, manifest.Models[1].Id, 0);
        var model = serving.Client.GetGrain<IModelGrain>(key);
        await model.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        var gate = serving.Gates.Block("*", manifest.Models[1].Id);
        var cold = await readiness.CheckAsync(); // re-activates the grain, whose warm-up the gate holds past the probe timeout
        await gate.Entered.WaitAsync(Wait);
        Assert.False(cold.IsReady);
        Assert.Contains($"model grain {key} not warm", cold.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(manifest.Models[0].Id, cold.Reason, StringComparison.Ordinal);

        gate.Release();
        await model.WarmUpAsync(); // the probe's warm-up, finishing
        var warm = await readiness.CheckAsync();
        Assert.True(warm.IsReady, warm.Reason);
    }

    [Fact]
    public async Task A_stopping_silo_is_not_ready_while_its_model_grains_still_drain()
    {
        await using var serving = await ServingCluster.StartAsync(hedging: false, 0, 1);
        // One model, on the GPU silo: once the gate holds its batch no other call of the request is still on its way there.
        await serving.ActivateAsync("stopping", models: 1);
        var leaving = serving.Cluster.Silos[1];
        var readiness = leaving.ServiceProvider.GetRequiredService<ISiloReadiness>();
        var stopSignalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        leaving.ServiceProvider.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(() => stopSignalled.TrySetResult());
        var gate = serving.Gates.Block(leaving.Name, "*");
        var tagging = serving.Client.GetGrain<IClipGrain>(0).TagAsync(ClipTagRequest.FromBytes("stopping.wav", TestFeaturizer.Clip(3)));
        await gate.Entered.WaitAsync(Wait);
        var busy = await readiness.CheckAsync();
        Assert.True(busy.IsReady, busy.Reason); // a forward pass in flight does not make a warm silo unready

        var stopping = serving.Cluster.StopSiloAsync(leaving);
        await stopSignalled.Task.WaitAsync(Wait);
        var report = await readiness.CheckAsync();
        Assert.Equal((false, "the silo is stopping"), (report.IsReady, report.Reason));
        Assert.False(tagging.IsCompleted); // not-ready came before the drain

        gate.Release();
        var result = await tagging.WaitAsync(Wait);
        Assert.False(result.IsPartial);
        await stopping.WaitAsync(Wait);
    }
}
