using System.Diagnostics;
using Ensemble.Client;
using Ensemble.Grains.Placement;
using Ensemble.Silo.Hosting;
using Ensemble.FrontDoor.Tests.Serving;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Xunit.Abstractions;

namespace Ensemble.FrontDoor.Tests.Tls;

/// <summary>Between silos: a second silo with a certificate of the cluster's CA joins the TLS silo's cluster (the
/// control), one whose certificate another CA signed cannot (its connections to the primary are refused in the
/// handshake), and the cluster keeps the silo it had.</summary>
[Collection(HttpSiloCollection.Name)]
public sealed class RogueSiloTests(TlsSilo silo, ITestOutputHelper log) : IClassFixture<TlsSilo>
{
    /// <summary>Orleans' default is 5 minutes of join attempts; the rogue silo is given a few seconds.</summary>
    private static readonly TimeSpan JoinAttempts = TimeSpan.FromSeconds(5);

    /// <summary>Bounds the whole start attempt, far above <see cref="JoinAttempts"/>.</summary>
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_silo_of_the_ca_joins_and_a_silo_of_a_rogue_ca_cannot()
    {
        await using var connection = await EnsembleConnection.ConnectAsync(ClusterEndpoint.Parse(ClusterEndpoint.Localhost), silo.GatewayPort,
            tls: silo.Certificates.Client());
        using (var member = SecondSilo(silo.Certificates.Silo()))
        {
            await member.StartAsync();
            Assert.Equal(2, (await connection.Client.GetSilosAsync()).Length);
            await member.StopAsync();
        }

        using var rogue = SecondSilo(silo.Certificates.Rogue());
        var clock = Stopwatch.StartNew();
        using (var bound = new CancellationTokenSource(StartBound))
        {
            var error = await Assert.ThrowsAnyAsync<Exception>(() => rogue.StartAsync(bound.Token));
            log.WriteLine($"refused after {clock.Elapsed.TotalSeconds:F1} s: {error.GetType().Name}: {error.Message}");
            Assert.False(bound.IsCancellationRequested, $"still starting after {StartBound}");
        }
        Assert.Single(await connection.Client.GetSilosAsync());
    }

    /// <summary>A silo (not started) on free ports that joins through the TLS silo, with <paramref name="tls"/>.</summary>
    private Microsoft.Extensions.Hosting.IHost SecondSilo(TlsSettings tls)
    {
        var ports = FreePorts.Take(2);
        var settings = new SiloSettings(null, GpuInventory.None, ClusterEndpoint.Parse(ClusterEndpoint.Localhost), ports[0], ports[1],
            primarySiloPort: silo.SiloPort, hedging: false, tls: tls);
        return SiloHost.Build(settings, services => services.Configure<ClusterMembershipOptions>(o => o.MaxJoinAttemptTime = JoinAttempts));
    }
}
