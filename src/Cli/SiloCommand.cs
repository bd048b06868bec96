using Ensemble.Grains.Hosting;
using System.CommandLine;
using System.Net;
using Ensemble.Grains.Placement;
using Ensemble.Grains.Training;
using Ensemble.Cli.Serving;
using Ensemble.Training.Runs;
using Ensemble.Silo.Hosting;
using Ensemble.Silo.Membership;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ensemble.Cli;

/// <summary>
/// `ensemble silo --run RUN --gpus auto --cluster localhost|redis://HOST:PORT`: one serving silo, until Ctrl+C or
/// SIGTERM, which stop it gracefully (requests in flight drain first). Prints `silo ready ...` once it accepts calls.
/// Without --run it also joins as a trainer (`--train-devices`), and serves once a manifest is activated.
/// </summary>
internal static class SiloCommand
{
    public const string ReadyLine = "silo ready";

    public static Command Create()
    {
        var run = new Option<DirectoryInfo?>("--run") { Description = "Run directory whose serving.json this silo activates when the cluster has no manifest yet." };
        var gpus = new Option<string>("--gpus") { Description = "GPUs to offer: auto (nvidia-smi), none, or indices like 0,1.", DefaultValueFactory = _ => "auto" };
        var cluster = new Option<string>("--cluster") { Description = "localhost, or redis://[:PASSWORD@]HOST:PORT (rediss:// for TLS) for Redis membership.", DefaultValueFactory = _ => ClusterEndpoint.Localhost };
        var siloPort = new Option<int>("--silo-port") { Description = "Silo-to-silo port.", DefaultValueFactory = _ => SiloSettings.DefaultSiloPort };
        var gatewayPort = new Option<int>("--gateway-port") { Description = "Client gateway port.", DefaultValueFactory = _ => SiloSettings.DefaultGatewayPort };
        var dashboardPort = new Option<int?>("--dashboard-port") { Description = "Serve the Orleans Dashboard on http://HOST:PORT/dashboard." };
        var hedgeMs = new Option<int?>("--hedge-ms") { Description = "Repeat a model request to its replica after this many ms (default 2000)." };
        var telemetry = new Option<string>("--telemetry") { Description = "Exporters: console, otlp, zipkin (comma-separated) or none.", DefaultValueFactory = _ => TelemetrySettings.NoExporter };
        var advertise = new Option<string?>("--advertise") { Description = "Redis membership: the IP address other hosts reach this silo at (default: the host's primary address); the silo listens on all." };
        var httpPort = new Option<int>("--http-port") { Description = "Open Inference Protocol (KServe v2 / Triton) HTTP port, /v2/...; 0 turns it off.", DefaultValueFactory = _ => SiloSettings.DefaultHttpPort };
        var grpcPort = new Option<int>("--grpc-port") { Description = "Open Inference Protocol (KServe v2 / Triton) gRPC port, inference.GRPCInferenceService over HTTP/2 (TLS with --tls-cert); 0 turns it off.", DefaultValueFactory = _ => SiloSettings.DefaultGrpcPort };
        var metricsPort = new Option<int>("--metrics-port") { Description = "Prometheus metrics port, /metrics; 0 turns it off.", DefaultValueFactory = _ => SiloSettings.DefaultMetricsPort };
        var maxQueue = new Option<int>("--max-queue") { Description = "Requests each model grain queues; one more is refused at once (HTTP 429).", DefaultValueFactory = _ => ServingOptions.DefaultMaxQueuedRequests };
        var backend = new Option<string>("--backend") { Description = "Model runtime: auto (ONNX Runtime on the CPU, TorchSharp on CUDA), torch or onnx.", DefaultValueFactory = _ => "auto" };
        var trainDevices = new Option<string>("--train-devices")
        {
            Description = "Training devices this silo offers: auto (none with --run; else its GPUs as cuda:N, or cpu), none, or a list like cpu or cuda:0,cuda:1 (serving leaves those GPUs alone).",
            DefaultValueFactory = _ => "auto",
        };
        var heapTrim = new Option<double>("--heap-trim-s")
        {
            Description = "Return glibc's free heap memory to the OS every this many seconds; 0 turns it off.",
            DefaultValueFactory = _ => SiloSettings.DefaultNativeHeapTrimInterval.TotalSeconds,
        };
        var trainThreads = new Option<int?>("--train-threads") { Description = "libtorch intra-op threads of this silo's trainers (default: the recipe's)." };
        var tls = new TlsCliOptions();
        var command = new Command("silo", "Run one serving silo of an Ensemble cluster.") { run, gpus, cluster, siloPort, gatewayPort, dashboardPort, hedgeMs, telemetry, backend, trainDevices, trainThreads, advertise, httpPort, grpcPort, metricsPort, maxQueue, heapTrim };
        tls.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            SiloSettings settings;
            try
            {
                var inventory = GpuInventory.FromOption(parse.GetValue(gpus)!);
                if (inventory.HasGpus && !TorchSharp.torch.cuda.is_available())
                {
                    // nvidia-smi sees GPUs, but this build's libtorch has no CUDA (Accelerator=cpu): serve on the CPU.
                    await parse.InvocationConfiguration.Error.WriteLineAsync(
                        $"ensemble silo: {inventory.Devices.Count} GPU(s) found but this build has no CUDA (build with -p:Accelerator=cuda); serving on the CPU");
                    inventory = GpuInventory.None;
                }
                var devices = TrainingDevices(parse.GetValue(trainDevices)!, parse.GetValue(run) is not null, inventory);
                var training = devices.Count == 0 ? null : new TrainingOptions(devices, RunProvenance.GitCommit(AppContext.BaseDirectory), parse.GetValue(trainThreads));
                settings = new SiloSettings(parse.GetValue(run)?.FullName, inventory, ClusterEndpoint.Parse(parse.GetValue(cluster)!),
                    parse.GetValue(siloPort), parse.GetValue(gatewayPort), parse.GetValue(dashboardPort), telemetry: TelemetrySettings.Parse(parse.GetValue(telemetry)),
                    hedgeAfter: parse.GetValue(hedgeMs) is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
                    backend: ServingOptions.ParseBackend(parse.GetValue(backend)!), training: training, advertise: ParseAddress(parse.GetValue(advertise)),
                    httpPort: parse.GetValue(httpPort), maxQueuedRequests: parse.GetValue(maxQueue), metricsPort: parse.GetValue(metricsPort), grpcPort: parse.GetValue(grpcPort),
                    tls: tls.Parse(parse), nativeHeapTrimInterval: HeapTrimInterval(parse.GetValue(heapTrim)));
            }
            catch (ArgumentException e)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"ensemble silo: {e.Message}");
                return EnsembleCli.UsageExitCode;
            }
            using var host = SiloHost.Build(settings);
            await host.StartAsync(cancellationToken);
            var gpuText = settings.Gpus.HasGpus ? string.Join(',', settings.Gpus.Devices.Select(d => $"cuda:{d.Index}")) + (settings.Gpus.Simulated ? " (simulated)" : "") : "none (cpu)";
            var silo = host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
            await output.WriteLineAsync($"{ReadyLine}: cluster {settings.Cluster}, silo {silo}, gateway port {settings.GatewayPort}, gpus {gpuText}, backend {ServingOptions.BackendName(settings.Backend)}, trainers {(settings.Training is { } t ? string.Join(',', t.Devices) : "none")}{settings.DescribeEndpoints()}");
            await output.FlushAsync(cancellationToken);
            await host.WaitForShutdownAsync(cancellationToken);
            if (host.Services.GetRequiredService<SiloExit>().Reason is { } reason)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"ensemble silo: {reason}");
                return SiloExit.ExitCode;
            }
            return 0;
        });
        return command;
    }

    private static List<string> TrainingDevices(string spec, bool serving, GpuInventory inventory)
    {
        var trimmed = spec.Trim();
        if (trimmed.Equals("none", StringComparison.OrdinalIgnoreCase) || (serving && trimmed.Equals("auto", StringComparison.OrdinalIgnoreCase)))
            return [];
        if (trimmed.Equals("auto", StringComparison.OrdinalIgnoreCase))
            return inventory.HasGpus ? inventory.Devices.Select(d => $"cuda:{d.Index}").ToList() : [TrainingOptions.CpuDevice];
        return trimmed.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    private static TimeSpan HeapTrimInterval(double seconds) =>
        double.IsFinite(seconds) && seconds >= 0 ? TimeSpan.FromSeconds(seconds)
        : throw new ArgumentException($"--heap-trim-s {seconds} must be a number of seconds >= 0 (0 turns trimming off)", nameof(seconds));

    private static IPAddress? ParseAddress(string? value) =>
        value is null ? null
        : IPAddress.TryParse(value, out var address) ? address
        : throw new ArgumentException($"--advertise '{value}' is not an IP address", nameof(value));
}
