using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ensemble.Client;

/// <summary>
/// A started host that gives an <see cref="EnsembleClient"/>: a client connected to a cluster (<see cref="ConnectAsync"/>),
/// or any host that reaches one, such as an embedded silo (<see cref="StartAsync"/>). The host leaves Ctrl-C and
/// SIGTERM to the caller (<see cref="CallerOwnedLifetime"/>). Disposing stops it gracefully within
/// <see cref="StopTimeout"/>.
/// </summary>
public sealed class EnsembleConnection : IAsyncDisposable
{
    /// <summary>How long disposing waits for the host to stop (a dead gateway must not hold a finished command).</summary>
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private readonly IHost _host;

    private EnsembleConnection(IHost host, EnsembleClient client, string description)
    {
        _host = host;
        Client = client;
        Description = description;
    }

    public EnsembleClient Client { get; }
    public string Description { get; }

    /// <summary>The cluster's grains beyond tagging (the training coordinator and run index of `train --cluster`, `jobs`, `cancel`).</summary>
    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>A client of the cluster at <paramref name="cluster"/>; <paramref name="configure"/> adds to its host
    /// (e.g. telemetry exporters, log filters) before it is built.</summary>
    /// <param name="tls">Mutual TLS to the gateways; null: plain TCP.</param>
    /// <exception cref="ClusterUnavailableException">No gateway answered within <paramref name="connectTimeout"/> (or none accepted this client's certificate).</exception>
    public static async Task<EnsembleConnection> ConnectAsync(ClusterEndpoint cluster, int gatewayPort = ClusterDefaults.GatewayPort,
        TimeSpan? responseTimeout = null, Action<IHostApplicationBuilder>? configure = null, TagCallOptions? calls = null,
        TimeSpan? connectTimeout = null, TlsSettings? tls = null, CancellationToken cancellationToken = default)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseEnsembleClient(cluster, gatewayPort, responseTimeout, calls, connectTimeout, tls);
        builder.Services.AddSingleton<IHostLifetime, CallerOwnedLifetime>();
        configure?.Invoke(builder);
        try
        {
            return await StartAsync(builder.Build(), $"cluster {cluster}", cancellationToken: cancellationToken);
        }
        catch (Exception e) when (e is OrleansException or SocketException or StackExchange.Redis.RedisException || TransientErrors.IsTransient(e))
        {
            throw new ClusterUnavailableException(cluster, connectTimeout ?? ClusterDefaults.ConnectTimeout, e, withTls: tls is not null);
        }
    }

    /// <summary>Starts <paramref name="host"/> (an Orleans client or silo host) and tags through its registered
    /// <see cref="EnsembleClient"/> (or a default one on its grain factory); the connection owns the host from here on,
    /// and disposes it when it cannot start.</summary>
    /// <param name="calls">For a host without a registered client: the retries and per-call timeout of tagging calls.</param>
    public static async Task<EnsembleConnection> StartAsync(IHost host, string description, TagCallOptions? calls = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        try
        {
            await host.StartAsync(cancellationToken);
            var client = host.Services.GetService<EnsembleClient>()
                ?? new EnsembleClient(host.Services.GetRequiredService<IGrainFactory>(), calls, host.Services.GetService<TimeProvider>());
            return new EnsembleConnection(host, client, description);
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        using (var stop = new CancellationTokenSource(StopTimeout))
            await _host.StopAsync(stop.Token);
        _host.Dispose();
    }
}
