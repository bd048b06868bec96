using Ensemble.Grains.Hosting;
using Ensemble.Grains.Inference;
using Ensemble.Grains.Placement;
using Ensemble.Silo.Hosting;
using Ensemble.Silo.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ensemble.Cli.Serving;

/// <summary>
/// The CLI's two ways to an <see cref="EnsembleConnection"/>: an embedded single silo in this process (the default
/// for `tag --run`, `demo` and the serving benchmark), or a client of a cluster that exports to the CLI's telemetry.
/// </summary>
internal static class CliConnections
{
    public const string ClientServiceName = "ensemble-client";

    extension(EnsembleConnection)
    {
        /// <summary>An in-process silo serving <paramref name="runPath"/> on free localhost ports, GPUs as <paramref name="gpus"/>,
        /// models run by <paramref name="backend"/> (auto: ONNX Runtime on the CPU, TorchSharp on CUDA).</summary>
        /// <remarks><paramref name="responseTimeout"/>: how long a call may queue and run (Orleans' default 30 s is short when
        /// many clients share one CPU). <paramref name="logLevel"/>: the least severe log line the host writes (the CLI's
        /// commands report failures themselves, so `tag` writes none unless --verbose). <paramref name="open"/>: the web ports
        /// to open (the inference API and web page, gRPC, metrics); none by default.</remarks>
        public static Task<EnsembleConnection> StartEmbeddedAsync(string runPath, GpuInventory? gpus = null, TelemetrySettings? telemetry = null,
            TimeSpan? responseTimeout = null, ServingBackend backend = ServingOptions.DefaultBackend, TagCallOptions? calls = null,
            LogLevel logLevel = LogLevel.Warning, EmbeddedPorts? open = null, CancellationToken cancellationToken = default)
        {
            open ??= EmbeddedPorts.Closed;
            var ports = FreePorts.Take(2);
            var settings = new SiloSettings(runPath, gpus ?? GpuInventory.None, ClusterEndpoint.Parse(ClusterEndpoint.Localhost),
                ports[0], ports[1], telemetry: telemetry, responseTimeout: responseTimeout, clusterId: $"embedded-{ports[0]}", primarySiloPort: ports[0], hedging: false,
                backend: backend, httpPort: open.Http, grpcPort: open.Grpc, metricsPort: open.Metrics);
            var host = SiloHost.Build(settings, services =>
            {
                services.AddSingleton<IHostLifetime, CallerOwnedLifetime>();
                services.AddLogging(logging =>
                {
                    logging.SetMinimumLevel(logLevel);
                    // In one process the ServerGC advice and the watchdog's start-up stall notes (the first check runs after
                    // training has held the CPU) are noise to the person running a command; real failures still log as errors.
                    logging.AddFilter("Orleans.Runtime.Silo", LogLevel.Error);
                    logging.AddFilter("Orleans.Runtime.Watchdog", LogLevel.Error);
                    // Kestrel's and ASP.NET's start-up lines (when web ports are open): the command prints its own.
                    logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
                    logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
                });
            });
            return EnsembleConnection.StartAsync(host, $"embedded silo (localhost:{ports[0]}){settings.DescribeEndpoints()}", calls, cancellationToken);
        }

        /// <summary>A client of the cluster at <paramref name="cluster"/> whose spans and metrics go to <paramref name="telemetry"/>
        /// (mutual TLS to the gateways with <paramref name="tls"/>).</summary>
        public static Task<EnsembleConnection> ConnectAsync(ClusterEndpoint cluster, TelemetrySettings telemetry, int gatewayPort,
            TimeSpan? responseTimeout, TagCallOptions? calls, TimeSpan? connectTimeout, LogLevel logLevel, TlsSettings? tls, CancellationToken cancellationToken) =>
            EnsembleConnection.ConnectAsync(cluster, gatewayPort, responseTimeout, builder =>
            {
                builder.Logging.SetMinimumLevel(logLevel);
                builder.Services.AddEnsembleTelemetry(telemetry, ClientServiceName);
            }, calls, connectTimeout, tls, cancellationToken);
    }
}
