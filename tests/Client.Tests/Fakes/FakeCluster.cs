using Ensemble.Grains.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;

namespace Ensemble.Client.Tests.Fakes;

/// <summary>
/// One in-process silo with the fake grains, on free localhost ports and the ids every Ensemble client looks for
/// (<see cref="ClusterDefaults"/>), so the client under test connects through a real gateway.
/// </summary>
public sealed class FakeCluster : IAsyncLifetime
{
    private IHost? _silo;

    public int GatewayPort { get; private set; }

    public ReceivedRequests Received => Silo.Services.GetRequiredService<ReceivedRequests>();

    private IHost Silo => _silo ?? throw new InvalidOperationException("the silo has not started");

    public async Task InitializeAsync()
    {
        var ports = FreePorts.Take(2);
        GatewayPort = ports[1];
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<ReceivedRequests>();
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(ports[0], ports[1], serviceId: ClusterDefaults.ServiceId, clusterId: ClusterDefaults.ClusterId);
            silo.AddActivityPropagation();
            // What AddEnsembleServing does on a real silo; the client side is the library's own configuration.
            silo.Services.Configure<ExceptionSerializationOptions>(EnsembleExceptions.Allow);
        });
        _silo = builder.Build();
        await _silo.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_silo is null)
            return;
        await _silo.StopAsync();
        _silo.Dispose();
    }
}
