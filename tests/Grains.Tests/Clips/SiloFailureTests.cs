using Ensemble.Grains.Abstractions.Clips;
using Ensemble.Grains.Tests.Fakes;

namespace Ensemble.Grains.Tests.Clips;

public sealed class SiloFailureTests
{
    [Fact]
    public async Task A_silo_killed_during_a_request_is_hedged_around_with_identical_scores()
    {
        await using var serving = await ServingCluster.StartAsync(0, 2, 2);
        var manifest = await serving.ActivateAsync("failover", models: 4);
        using var direct = ServingCluster.Direct(manifest);
        var victim = serving.Cluster.Silos[2];
        var gate = serving.Gates.Block(victim.Name, "*");

        var request = ClipTagRequest.FromBytes("failover.wav", TestFeaturizer.Clip(7));
        var tagging = serving.Client.GetGrain<IClipGrain>(0).TagAsync(request);
        await gate.Entered.WaitAsync(TimeSpan.FromSeconds(60)); // a model on the victim is computing this request
        await serving.Cluster.KillSiloAsync(victim);
        var result = await tagging;

        var expected = direct.Predict(request);
        for (var c = 0; c < expected.Length; c++)
            Assert.Equal(expected[c], result.Scores[c], 1e-6f);
        Assert.False(result.IsPartial);
        Assert.Contains(result.Timings, t => t.Hedged);
        Assert.DoesNotContain(result.Timings, t => t.Silo == victim.SiloAddress.ToString());
    }

    [Fact]
    public async Task A_silo_stopped_gracefully_finishes_the_request_it_is_computing()
    {
        await using var serving = await ServingCluster.StartAsync(hedging: false, 0, 2, 2);
        var manifest = await serving.ActivateAsync("drain", models: 4);
        using var direct = ServingCluster.Direct(manifest);
        var leaving = serving.Cluster.Silos[2];
        var gate = serving.Gates.Block(leaving.Name, "*");

        var request = ClipTagRequest.FromBytes("drain.wav", TestFeaturizer.Clip(11));
        var tagging = serving.Client.GetGrain<IClipGrain>(0).TagAsync(request);
        await gate.Entered.WaitAsync(TimeSpan.FromSeconds(60));
        var stopping = serving.Cluster.StopSiloAsync(leaving);
        gate.Release();
        var result = await tagging.WaitAsync(TimeSpan.FromSeconds(60));
        await stopping;

        var expected = direct.Predict(request);
        for (var c = 0; c < expected.Length; c++)
            Assert.Equal(expected[c], result.Scores[c], 1e-6f);
        Assert.False(result.IsPartial);
        Assert.Contains(result.Timings, t => t.Silo == leaving.SiloAddress.ToString()); // answered by the silo that was leaving
    }
}
