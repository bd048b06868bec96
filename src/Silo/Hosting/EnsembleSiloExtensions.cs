using System.Net;
using Ensemble.Grains.Clips;
using Ensemble.Grains.Hosting;
using Ensemble.Grains.Inference;
using Ensemble.Silo.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace Ensemble.Silo.Hosting;

public static class EnsembleSiloExtensions
{
    /// <summary>Message bodies up to this size (a long clip's WAV bytes travel in one message).</summary>
    public const int MaxMessageBodyBytes = 256 * 1024 * 1024;

    /// <summary>An Orleans silo serving the ensemble: clustering, ports, GPU inventory, runners, telemetry.</summary>
    public static IHostApplicationBuilder UseEnsembleSilo(this IHostApplicationBuilder builder, SiloSettings settings)
    {
        builder.UseOrleans(silo =>
        {
            if (settings.Cluster.IsLocalhost)
                silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, new IPEndPoint(IPAddress.Loopback, settings.PrimarySiloPort), settings.ServiceId, settings.ClusterId);
            else
            {
                silo.UseRedisClustering(settings.Cluster.RedisConfiguration!);
                silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (settings.ClusterId, settings.ServiceId));
                silo.ConfigureEndpoints(IPAddress.Loopback, settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: false);
            }
            silo.Configure<SiloMessagingOptions>(o =>
            {
                o.MaxMessageBodySize = MaxMessageBodyBytes;
                o.ResponseTimeout = settings.ResponseTimeout;
            });
            silo.AddEnsembleServing(settings.Gpus, new ServingOptions(settings.HedgeAfter, ManifestPathOf(settings.RunPath), settings.Hedging));
            if (settings.DashboardPort is not null)
                silo.AddDashboard();
            silo.Services.TryAddSingleton<IModelRunnerFactory, ServingModelRunnerFactory>();
            silo.Services.TryAddSingleton<IClipFeaturizer, AudioClipFeaturizer>();
        });
        builder.Services.AddEnsembleTelemetry(settings.Telemetry, "ensemble-silo");
        return builder;
    }

    /// <summary>A client of an existing cluster (what `ensemble tag --cluster` and applications use).</summary>
    public static IHostApplicationBuilder UseEnsembleClient(this IHostApplicationBuilder builder, ClusterEndpoint cluster,
        TelemetrySettings? telemetry = null, int gatewayPort = SiloSettings.DefaultGatewayPort, TimeSpan? responseTimeout = null)
    {
        builder.UseOrleansClient(client =>
        {
            if (cluster.IsLocalhost)
                client.UseLocalhostClustering(gatewayPort, SiloSettings.DefaultServiceId, SiloSettings.DefaultClusterId);
            else
            {
                client.UseRedisClustering(cluster.RedisConfiguration!);
                client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (SiloSettings.DefaultClusterId, SiloSettings.DefaultServiceId));
            }
            client.Configure<ClientMessagingOptions>(o =>
            {
                o.MaxMessageBodySize = MaxMessageBodyBytes;
                o.ResponseTimeout = responseTimeout ?? SiloSettings.DefaultResponseTimeout;
            });
            client.AddActivityPropagation();
        });
        builder.Services.AddEnsembleTelemetry(telemetry ?? TelemetrySettings.None, "ensemble-client");
        return builder;
    }

    /// <summary>The manifest a run directory serves: ensemble.json of a training run, else serving.json.</summary>
    public static string? ManifestPathOf(string? runPath) =>
        runPath is null ? null : Grains.Manifests.ServingManifestFile.Locate(runPath);
}
