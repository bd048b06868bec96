using Ensemble.Grains.Placement;
using Ensemble.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ensemble.Client.Serving;

/// <summary>
/// A started host that gives an <see cref="EnsembleClient"/>: either an embedded single silo in this process (the
/// default for `tag --run` and `demo`) or a client connected to a cluster. Disposing stops it gracefully.
/// </summary>
public sealed class EnsembleConnection : IAsyncDisposable
{
    private readonly IHost _host;

    private EnsembleConnection(IHost host, EnsembleClient client, string description)
    {
        _host = host;
        Client = client;
        Description = description;
    }

    public EnsembleClient Client { get; }
    public string Description { get; }

    /// <summary>An in-process silo serving <paramref name="runPath"/> on free localhost ports, GPUs as <paramref name="gpus"/>.</summary>
    /// <remarks><paramref name="responseTimeout"/>: how long a call may queue and run (Orleans' default 30 s is short when
    /// many clients share one CPU).</remarks>
    public static async Task<EnsembleConnection> StartEmbeddedAsync(string runPath, GpuInventory? gpus = null, TelemetrySettings? telemetry = null,
        TimeSpan? responseTimeout = null, CancellationToken cancellationToken = default)
    {
        var ports = FreePorts.Take(2);
        var settings = new SiloSettings(runPath, gpus ?? GpuInventory.None, ClusterEndpoint.Parse(ClusterEndpoint.Localhost),
            ports[0], ports[1], telemetry: telemetry, responseTimeout: responseTimeout, clusterId: $"embedded-{ports[0]}", primarySiloPort: ports[0], hedging: false);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // In one process the ServerGC advice and the watchdog's start-up stall notes (the first check runs after
        // training has held the CPU) are noise to the person running a command; real failures still log as errors.
        builder.Logging.AddFilter("Orleans.Runtime.Silo", LogLevel.Error);
        builder.Logging.AddFilter("Orleans.Runtime.Watchdog", LogLevel.Error);
        builder.UseEnsembleSilo(settings);
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new EnsembleConnection(host, new EnsembleClient(host.Services.GetRequiredService<IGrainFactory>()), $"embedded silo (localhost:{ports[0]})");
    }

    /// <summary>A client of the cluster at <paramref name="cluster"/>.</summary>
    public static async Task<EnsembleConnection> ConnectAsync(ClusterEndpoint cluster, TelemetrySettings? telemetry = null,
        int gatewayPort = SiloSettings.DefaultGatewayPort, TimeSpan? responseTimeout = null, CancellationToken cancellationToken = default)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseEnsembleClient(cluster, telemetry, gatewayPort, responseTimeout);
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new EnsembleConnection(host, new EnsembleClient(host.Services.GetRequiredService<IClusterClient>()), $"cluster {cluster}");
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
