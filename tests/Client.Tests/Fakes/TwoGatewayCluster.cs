using System.Net;
using Ensemble.Grains.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;

namespace Ensemble.Client.Tests.Fakes;

/// <summary>
/// Two in-process silos with the fake grains, both gateways, and an Orleans client that knows both gateways: what a
/// client of a two-silo Redis cluster sees, without Redis.
/// </summary>
public sealed class TwoGatewayCluster : IAsyncLifetime
{
    private readonly List<IHost> _silos = [];
    private IHost? _client;

    public IReadOnlyList<IHost> Silos => _silos;

    public IClusterClient Client => (_client ?? throw new InvalidOperationException("the client has not started")).Services.GetRequiredService<IClusterClient>();

    public static ReceivedRequests Received(IHost silo) => silo.Services.GetRequiredService<ReceivedRequests>();

    public async Task InitializeAsync()
    {
        var ports = FreePorts.Take(4);
        var primary = new IPEndPoint(IPAddress.Loopback, ports[0]);
        for (var i = 0; i < 2; i++)
        {
            var builder = Host.CreateApplicationBuilder();
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Services.AddSingleton<ReceivedRequests>();
            var (siloPort, gatewayPort) = (ports[2 * i], ports[2 * i + 1]);
            builder.UseOrleans(silo =>
            {
                silo.UseLocalhostClustering(siloPort, gatewayPort, primary, ClusterDefaults.ServiceId, ClusterDefaults.ClusterId);
                silo.Services.Configure<ExceptionSerializationOptions>(EnsembleExceptions.Allow);
            });
            var host = builder.Build();
            _silos.Add(host);
            await host.StartAsync();
        }
        var clientBuilder = Host.CreateApplicationBuilder();
        clientBuilder.Logging.SetMinimumLevel(LogLevel.Warning);
        clientBuilder.UseOrleansClient(client => client.UseLocalhostClustering([ports[1], ports[3]], ClusterDefaults.ServiceId, ClusterDefaults.ClusterId));
        _client = clientBuilder.Build();
        await _client.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.StopAsync();
            _client.Dispose();
        }
        foreach (var silo in Enumerable.Reverse(_silos))
        {
            await silo.StopAsync();
            silo.Dispose();
        }
    }
}
