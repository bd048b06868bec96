using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Ensemble.Grains.Abstractions;
using Orleans.Configuration;
using Orleans.Serialization;

namespace Ensemble.Client;

public static class EnsembleClientHosting
{
    /// <summary>
    /// Makes <paramref name="builder"/>'s host an Orleans client of the cluster at <paramref name="cluster"/> and
    /// registers an <see cref="EnsembleClient"/> for it (what `ensemble tag --cluster` and applications use).
    /// </summary>
    /// <param name="gatewayPort">Localhost clustering only: the gateway of the silo to reach.</param>
    /// <param name="responseTimeout">How long a call may queue and run; <see cref="ClusterDefaults.ResponseTimeout"/> when null.</param>
    /// <param name="calls">Retries and per-call timeout of tagging calls (the timeout must be under the response timeout).</param>
    /// <param name="connectTimeout">How long starting the client waits for a gateway before it fails; <see cref="ClusterDefaults.ConnectTimeout"/> when null.</param>
    /// <param name="tls">Mutual TLS to the gateways (and the CA for rediss://); null: plain TCP, as silos without TLS speak.</param>
    public static IHostApplicationBuilder UseEnsembleClient(this IHostApplicationBuilder builder, ClusterEndpoint cluster,
        int gatewayPort = ClusterDefaults.GatewayPort, TimeSpan? responseTimeout = null, TagCallOptions? calls = null, TimeSpan? connectTimeout = null,
        TlsSettings? tls = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(gatewayPort);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(gatewayPort, 65535);
        if (responseTimeout is { } timeout)
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero, nameof(responseTimeout));
        if (connectTimeout is { } connect)
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(connect, TimeSpan.Zero, nameof(connectTimeout));
        var callOptions = calls ?? TagCallOptions.Default;
        callOptions.CheckUnder(responseTimeout ?? ClusterDefaults.ResponseTimeout);
        builder.UseOrleansClient(client =>
        {
            if (cluster.IsLocalhost)
                client.UseLocalhostClustering(gatewayPort, ClusterDefaults.ServiceId, ClusterDefaults.ClusterId);
            else
            {
                client.UseRedisClustering(o => o.ConfigurationOptions = cluster.RedisOptions(tls));
                client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (ClusterDefaults.ClusterId, ClusterDefaults.ServiceId));
            }
            client.Configure<ClientMessagingOptions>(o =>
            {
                o.MaxMessageBodySize = ClusterDefaults.MaxMessageBodyBytes;
                o.ResponseTimeout = responseTimeout ?? ClusterDefaults.ResponseTimeout;
            });
            if (tls is not null)
                client.UseTls(tls.Certificate, o => OrleansTls.Apply(o, tls));
            // Start-up waits a bounded time for a gateway (Orleans asks this filter after each failed attempt).
            client.Services.AddSingleton<IClientConnectionRetryFilter>(services => new BoundedConnectionRetry(connectTimeout ?? ClusterDefaults.ConnectTimeout,
                BoundedConnectionRetry.DefaultRetryDelay, services.GetService<TimeProvider>() ?? TimeProvider.System));
            // The client span's trace continues into the clip grain and the model grains.
            client.AddActivityPropagation();
            client.Services.Configure<ExceptionSerializationOptions>(EnsembleExceptions.Allow);
        });
        builder.Services.AddSingleton(services => new EnsembleClient(services.GetRequiredService<IClusterClient>(), callOptions,
            services.GetService<TimeProvider>()));
        return builder;
    }
}
