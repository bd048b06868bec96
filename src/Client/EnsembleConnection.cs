using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ensemble.Client;

/// <summary>
/// A started host that gives an <see cref="EnsembleClient"/>: a client connected to a cluster (<see cref="ConnectAsync"/>),
/// or any host that reaches one, such as an embedded silo (<see cref="StartAsync"/>). Disposing stops it gracefully.
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

    /// <summary>A client of the cluster at <paramref name="cluster"/>; <paramref name="configure"/> adds to its host
    /// (e.g. telemetry exporters) before it is built.</summary>
    public static Task<EnsembleConnection> ConnectAsync(ClusterEndpoint cluster, int gatewayPort = ClusterDefaults.GatewayPort,
        TimeSpan? responseTimeout = null, Action<IHostApplicationBuilder>? configure = null, CancellationToken cancellationToken = default)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseEnsembleClient(cluster, gatewayPort, responseTimeout);
        configure?.Invoke(builder);
        return StartAsync(builder.Build(), $"cluster {cluster}", cancellationToken);
    }

    /// <summary>Starts <paramref name="host"/> (an Orleans client or silo host) and tags through its grain factory;
    /// the connection owns the host from here on, and disposes it when it cannot start.</summary>
    public static async Task<EnsembleConnection> StartAsync(IHost host, string description, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        try
        {
            await host.StartAsync(cancellationToken);
            return new EnsembleConnection(host, new EnsembleClient(host.Services.GetRequiredService<IGrainFactory>()), description);
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
