using Ensemble.Client.Tests.Fakes;
using Ensemble.Grains.Abstractions.Clips;

namespace Ensemble.Client.Tests;

/// <summary>
/// A client spreads clips over the silos of a cluster: each gateway's silo runs the clip grains (decode, features) of
/// the calls it receives, so one grain key for all calls would leave every silo but one without that work.
/// </summary>
public sealed class ClipSpreadTests(TwoGatewayCluster cluster) : IClassFixture<TwoGatewayCluster>
{
    [Fact]
    public async Task The_clips_of_one_client_are_tagged_on_both_silos_and_each_exactly_once()
    {
        var client = new EnsembleClient(cluster.Client);
        const int clips = EnsembleClient.ClipGrainKeys;
        var results = await Task.WhenAll(Enumerable.Range(0, clips).Select(i => client.TagAsync(ClipTagRequest.FromBytes($"clip{i}.wav", new byte[i + 1]))));

        Assert.Equal(Enumerable.Range(1, clips).Select(n => (float)n), results.Select(r => r.Scores[0]));
        var perSilo = cluster.Silos.Select(s => TwoGatewayCluster.Received(s).ClipCount).ToArray();
        Assert.Equal(clips, perSilo.Sum());
        // Hash buckets, not strict turns, decide the gateway: both get a real share, neither all.
        Assert.All(perSilo, count => Assert.InRange(count, clips / 8, clips - clips / 8));
    }
}
