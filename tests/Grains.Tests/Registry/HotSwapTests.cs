using Ensemble.Grains.Abstractions.Clips;
using Ensemble.Grains.Tests.Fakes;

namespace Ensemble.Grains.Tests.Registry;

/// <summary>One GPU-less silo: the embedded default.</summary>
public sealed class HotSwapTests
{
    [Fact]
    public async Task Embedded_mode_runs_on_the_cpu_and_a_hot_swap_lets_requests_in_flight_finish_on_the_old_version()
    {
        await using var serving = await ServingCluster.StartAsync(0);
        var old = await serving.ActivateAsync("old", models: 2, seed: 1, idPrefix: "a");
        using var directOld = ServingCluster.Direct(old);
        var request = ClipTagRequest.FromBytes("swap.wav", TestFeaturizer.Clip(3));

        var first = await serving.Client.GetGrain<IClipGrain>(0).TagAsync(request);
        Assert.All(first.Timings, t => Assert.Equal("cpu", t.Device));
        Assert.Equal(directOld.Predict(request), first.Scores);

        // Hold a request after it read the active manifest (in its feature stage), swap, then let it finish.
        var held = request with { ClipName = "held.wav" };
        var gate = serving.Gates.Block(TestFeaturizer.GateSilo, held.ClipName);
        var inFlight = serving.Client.GetGrain<IClipGrain>(0).TagAsync(held);
        await gate.Entered;
        var next = await serving.ActivateAsync("new", models: 3, seed: 2, idPrefix: "b");
        Assert.Equal(next.Version, (await serving.Registry.GetActiveAsync()).Version);
        var afterSwap = await serving.Client.GetGrain<IClipGrain>(0).TagAsync(request);
        using var directNew = ServingCluster.Direct(next);
        Assert.Equal(next.Version, afterSwap.ManifestVersion);
        Assert.Equal(directNew.Predict(request), afterSwap.Scores);
        Assert.False(inFlight.IsCompleted);

        gate.Release();
        var finished = await inFlight;
        Assert.Equal(old.Version, finished.ManifestVersion);
        Assert.Equal(directOld.Predict(request), finished.Scores);
    }
}
