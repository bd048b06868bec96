using System.Net;
using Ensemble.Client;
using Ensemble.Grains.Hosting;
using Ensemble.Grains.Inference;
using Ensemble.Grains.Placement;
using Ensemble.Grains.Training;

namespace Ensemble.Silo.Hosting;

/// <summary>
/// Everything `ensemble silo` needs: the run whose manifest it serves, its GPUs, how it finds the cluster, its ports
/// telemetry and serving backend. Ports default to Orleans' (11111 silo, 30000 gateway); several silos on one machine need their own.
/// With Redis membership the silo listens on every address and advertises <see cref="Advertise"/> (else the host's
/// primary address) in the membership table, so silos and clients on other machines can reach it.
/// </summary>
public sealed record SiloSettings
{
    public const int DefaultSiloPort = 11111;
    /// <summary>Where clients look for a gateway by default (<see cref="ClusterDefaults"/>).</summary>
    public const int DefaultGatewayPort = ClusterDefaults.GatewayPort;
    /// <summary>`ensemble silo`'s Open Inference Protocol HTTP port (Triton's habit); 0 turns it off (the settings' default).</summary>
    public const int DefaultHttpPort = 8000;
    /// <summary>`ensemble silo`'s Prometheus port (/metrics; Triton's habit); 0 turns it off (the settings' default).</summary>
    public const int DefaultMetricsPort = 8002;
    /// <summary>`ensemble silo`'s Open Inference Protocol gRPC port (HTTP/2; TLS with <see cref="Tls"/>; Triton's habit); 0 turns it off (the settings' default).</summary>
    public const int DefaultGrpcPort = 8001;
    public const int Off = 0;
    /// <summary>How often a silo returns glibc's free heap memory to the OS (<see cref="Memory.NativeHeapTrimmer"/>); zero turns it off.</summary>
    public static readonly TimeSpan DefaultNativeHeapTrimInterval = TimeSpan.FromSeconds(30);

    public SiloSettings(
        string? runPath,
        GpuInventory gpus,
        ClusterEndpoint cluster,
        int siloPort = DefaultSiloPort,
        int gatewayPort = DefaultGatewayPort,
        int? dashboardPort = null,
        TelemetrySettings? telemetry = null,
        TimeSpan? hedgeAfter = null,
        TimeSpan? responseTimeout = null,
        string clusterId = ClusterDefaults.ClusterId,
        string serviceId = ClusterDefaults.ServiceId,
        int primarySiloPort = DefaultSiloPort,
        bool hedging = true,
        ServingBackend backend = ServingOptions.DefaultBackend,
        TrainingOptions? training = null,
        IPAddress? advertise = null,
        int httpPort = Off,
        int maxQueuedRequests = ServingOptions.DefaultMaxQueuedRequests,
        int metricsPort = Off,
        int grpcPort = Off,
        TlsSettings? tls = null,
        TimeSpan? nativeHeapTrimInterval = null)
    {
        CheckPort(siloPort, nameof(SiloPort));
        CheckPort(gatewayPort, nameof(GatewayPort));
        if (dashboardPort is { } dashboard)
            CheckPort(dashboard, nameof(DashboardPort));
        if (httpPort != Off)
            CheckPort(httpPort, nameof(HttpPort));
        if (metricsPort != Off)
            CheckPort(metricsPort, nameof(MetricsPort));
        if (grpcPort != Off)
            CheckPort(grpcPort, nameof(GrpcPort));
        var ports = new (string Name, int? Port)[]
        {
            (nameof(SiloPort), siloPort), (nameof(GatewayPort), gatewayPort), (nameof(DashboardPort), dashboardPort),
            (nameof(HttpPort), httpPort == Off ? null : httpPort), (nameof(MetricsPort), metricsPort == Off ? null : metricsPort),
            (nameof(GrpcPort), grpcPort == Off ? null : grpcPort),
        };
        foreach (var clash in ports.Where(p => p.Port is not null).GroupBy(p => p.Port).Where(g => g.Count() > 1))
            throw new ArgumentException($"{string.Join(" and ", clash.Select(p => p.Name))} share port {clash.Key}", clash.Last().Name);
        if (!Enum.IsDefined(backend))
            throw new ArgumentException($"Backend {(int)backend} is not auto, torch or onnx", nameof(backend));
        if (advertise is not null && cluster.IsLocalhost)
            throw new ArgumentException($"Advertise {advertise}: localhost clustering stays on 127.0.0.1; use --cluster redis://HOST:PORT", nameof(advertise));
        if (advertise is not null && (advertise.Equals(IPAddress.Any) || advertise.Equals(IPAddress.IPv6Any)))
            throw new ArgumentException($"Advertise {advertise}: other hosts cannot connect to the any-address; give this host's own address", nameof(advertise));
        if (maxQueuedRequests <= 0)
            throw new ArgumentException($"MaxQueuedRequests {maxQueuedRequests} must be positive", nameof(maxQueuedRequests));
        if (nativeHeapTrimInterval < TimeSpan.Zero)
            throw new ArgumentException($"NativeHeapTrimInterval {nativeHeapTrimInterval} is negative (zero turns trimming off)", nameof(nativeHeapTrimInterval));
        if (runPath is not null && !Directory.Exists(runPath) && !File.Exists(runPath))
            throw new ArgumentException($"RunPath '{runPath}' does not exist", nameof(runPath));
        RunPath = runPath;
        Gpus = gpus;
        Cluster = cluster;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
        DashboardPort = dashboardPort;
        Telemetry = telemetry ?? TelemetrySettings.None;
        HedgeAfter = hedgeAfter;
        ResponseTimeout = responseTimeout ?? ClusterDefaults.ResponseTimeout;
        ClusterId = clusterId;
        ServiceId = serviceId;
        PrimarySiloPort = primarySiloPort;
        Hedging = hedging;
        Backend = backend;
        Training = training;
        Advertise = advertise;
        HttpPort = httpPort;
        MaxQueuedRequests = maxQueuedRequests;
        MetricsPort = metricsPort;
        GrpcPort = grpcPort;
        Tls = tls;
        NativeHeapTrimInterval = nativeHeapTrimInterval ?? DefaultNativeHeapTrimInterval;
    }

    /// <summary>Mutual TLS between silos and clients, HTTPS on the web ports, and the CA for rediss://; null: plain TCP and HTTP.</summary>
    public TlsSettings? Tls { get; }

    /// <summary>"http" or "https": what the web ports speak.</summary>
    public string WebScheme => Tls is null ? "http" : "https";

    /// <summary>", inference http://localhost:8000/v2, ..., mutual tls" for the ports this silo opens (the `silo ready` line,
    /// an embedded silo's description), or "" when it opens none.</summary>
    public string DescribeEndpoints() => string.Concat(
        HttpPort != Off ? $", inference {WebScheme}://localhost:{HttpPort}/v2" : "",
        GrpcPort != Off ? $", inference grpc{(Tls is null ? "" : "+tls")} localhost:{GrpcPort}" : "",
        MetricsPort != Off ? $", metrics {WebScheme}://localhost:{MetricsPort}{SiloHost.MetricsRoute}" : "",
        DashboardPort is { } dashboard ? $", dashboard {WebScheme}://localhost:{dashboard}{SiloHost.DashboardRoute}" : "",
        Tls is null ? "" : ", mutual tls");

    /// <summary>The Open Inference Protocol's gRPC port (inference.GRPCInferenceService, HTTP/2, TLS with <see cref="Tls"/>); <see cref="Off"/> serves none.</summary>
    public int GrpcPort { get; }

    /// <summary>The Prometheus scrape port (/metrics: the serving meter and Orleans'); <see cref="Off"/> serves none.</summary>
    public int MetricsPort { get; }

    /// <summary>Requests each model grain on this silo queues; one more is refused at once (HTTP 429).</summary>
    public int MaxQueuedRequests { get; }

    /// <summary>This silo's trainers (null: it trains nothing); serving leaves their GPUs alone.</summary>
    public TrainingOptions? Training { get; }

    /// <summary>The GPUs serving may use: <see cref="Gpus"/> without those reserved for training.</summary>
    public GpuInventory ServingGpus => Training is { } training ? Gpus.WithoutReserved(training.ReservedGpus) : Gpus;

    /// <summary>The Open Inference Protocol's HTTP/REST port (/v2/...); <see cref="Off"/> serves none.</summary>
    public int HttpPort { get; }

    /// <summary>Whether the silo runs a web server (the dashboard, the inference protocol over HTTP or gRPC, or the metrics).</summary>
    public bool ServesHttp => DashboardPort is not null || HttpPort != Off || MetricsPort != Off || GrpcPort != Off;

    /// <summary>Redis membership only: the address other silos and clients reach this silo at; null = the host's primary address.</summary>
    public IPAddress? Advertise { get; }

    /// <summary>Which file of each model this silo loads: auto = ONNX Runtime on the CPU, TorchSharp on CUDA.</summary>
    public ServingBackend Backend { get; }

    /// <summary>Hedge slow model calls to a replica on another silo; off for a single silo, where a replica would
    /// only queue on the same device and double the work.</summary>
    public bool Hedging { get; }

    /// <summary>Localhost clustering only: the silo every other one joins through (an embedded silo is its own).</summary>
    public int PrimarySiloPort { get; }

    public string? RunPath { get; }
    public GpuInventory Gpus { get; }
    public ClusterEndpoint Cluster { get; }
    public int SiloPort { get; }
    public int GatewayPort { get; }
    public int? DashboardPort { get; }
    public TelemetrySettings Telemetry { get; }
    public TimeSpan? HedgeAfter { get; }
    public TimeSpan ResponseTimeout { get; }

    /// <summary>Zero: never trimmed.</summary>
    public TimeSpan NativeHeapTrimInterval { get; }
    public string ClusterId { get; }
    public string ServiceId { get; }

    private static void CheckPort(int port, string field)
    {
        if (port is <= 0 or > 65535)
            throw new ArgumentException($"{field} {port} is not a TCP port", field);
    }
}
