using System.Net;
using Ensemble.Client;
using Ensemble.FrontDoor;
using Ensemble.FrontDoor.Grpc;
using Ensemble.Grains.Clips;
using Ensemble.Grains.Hosting;
using Ensemble.Grains.Inference;
using Ensemble.Grains.Registry;
using Ensemble.Silo.Membership;
using Ensemble.Silo.Memory;
using Ensemble.Silo.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace Ensemble.Silo.Hosting;

public static class EnsembleSiloExtensions
{
    /// <summary>An Orleans silo serving the ensemble: clustering, ports, GPU inventory, runners, telemetry.</summary>
    public static IHostApplicationBuilder UseEnsembleSilo(this IHostApplicationBuilder builder, SiloSettings settings)
    {
        builder.UseOrleans(silo =>
        {
            if (settings.Cluster.IsLocalhost)
                silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, new IPEndPoint(IPAddress.Loopback, settings.PrimarySiloPort), settings.ServiceId, settings.ClusterId);
            else
            {
                silo.UseRedisClustering(o => o.ConfigurationOptions = settings.Cluster.RedisOptions(settings.Tls));
                silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (settings.ClusterId, settings.ServiceId));
                // Listen on every address, advertise one that other hosts reach (127.0.0.1 would strand a multi-host cluster).
                if (settings.Advertise is { } advertise)
                    silo.ConfigureEndpoints(advertise, settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: true);
                else
                    silo.ConfigureEndpoints(settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: true);
            }
            // Silo-to-silo and gateway connections: mutual TLS, peers signed by the settings' authority.
            if (settings.Tls is { } tls)
                silo.UseTls(tls.Certificate, o => OrleansTls.Apply(o, tls));
            silo.Configure<SiloMessagingOptions>(o =>
            {
                o.MaxMessageBodySize = ClusterDefaults.MaxMessageBodyBytes;
                o.ResponseTimeout = settings.ResponseTimeout;
            });
            silo.AddEnsembleServing(settings.ServingGpus, new ServingOptions(settings.HedgeAfter, ManifestPathOf(settings.RunPath), settings.Hedging, settings.Backend,
                maxQueuedRequests: settings.MaxQueuedRequests));
            silo.AddEnsembleGrainStorage(settings.Cluster, RegistryStorage.Name, settings.Tls);
            if (settings.Training is { } training)
                silo.UseEnsembleTraining(settings.Cluster, training, settings.Tls);
            if (settings.DashboardPort is not null)
                silo.AddDashboard();
            silo.Services.TryAddSingleton<IModelRunnerFactory, ServingModelRunnerFactory>();
            silo.Services.TryAddSingleton<IClipFeaturizer, AudioClipFeaturizer>();
        });
        builder.Services.AddHostedService<MembershipLog>();
        builder.Services.AddSingleton<SiloExit>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        if (!settings.Cluster.IsLocalhost)
            builder.Services.AddHostedService<MembershipStoreWatch>();
        builder.Services.TryAddSingleton<INativeHeap, GlibcHeap>();
        if (settings.NativeHeapTrimInterval > TimeSpan.Zero)
            builder.Services.AddHostedService(services => new NativeHeapTrimmer(services.GetRequiredService<INativeHeap>(),
                settings.NativeHeapTrimInterval, services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILogger<NativeHeapTrimmer>>()));
        if (settings.HttpPort != SiloSettings.Off)
            builder.Services.AddEnsembleFrontDoor();
        if (settings.GrpcPort != SiloSettings.Off)
            builder.Services.AddOpenInferenceGrpc();
        builder.Services.AddEnsembleTelemetry(settings.Telemetry, "ensemble-silo", prometheus: settings.MetricsPort != SiloSettings.Off);
        return builder;
    }

    /// <summary>The manifest a run directory serves: ensemble.json of a training run, else serving.json.</summary>
    public static string? ManifestPathOf(string? runPath) =>
        runPath is null ? null : Grains.Manifests.ServingManifestFile.Locate(runPath);
}
