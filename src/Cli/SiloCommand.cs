using Ensemble.Grains.Hosting;
using System.CommandLine;
using Ensemble.Grains.Placement;
using Ensemble.Silo.Hosting;
using Microsoft.Extensions.Hosting;

namespace Ensemble.Cli;

/// <summary>
/// `ensemble silo --run RUN --gpus auto --cluster localhost|redis://HOST:PORT`: one serving silo, until Ctrl+C or
/// SIGTERM, which stop it gracefully (requests in flight drain first). Prints `silo ready ...` once it accepts calls.
/// </summary>
internal static class SiloCommand
{
    public const string ReadyLine = "silo ready";

    public static Command Create()
    {
        var run = new Option<DirectoryInfo?>("--run") { Description = "Run directory whose serving.json this silo activates when the cluster has no manifest yet." };
        var gpus = new Option<string>("--gpus") { Description = "GPUs to offer: auto (nvidia-smi), none, or indices like 0,1.", DefaultValueFactory = _ => "auto" };
        var cluster = new Option<string>("--cluster") { Description = "localhost, or redis://HOST:PORT for Redis membership.", DefaultValueFactory = _ => ClusterEndpoint.Localhost };
        var siloPort = new Option<int>("--silo-port") { Description = "Silo-to-silo port.", DefaultValueFactory = _ => SiloSettings.DefaultSiloPort };
        var gatewayPort = new Option<int>("--gateway-port") { Description = "Client gateway port.", DefaultValueFactory = _ => SiloSettings.DefaultGatewayPort };
        var dashboardPort = new Option<int?>("--dashboard-port") { Description = "Serve the Orleans Dashboard on http://HOST:PORT/dashboard." };
        var hedgeMs = new Option<int?>("--hedge-ms") { Description = "Repeat a model request to its replica after this many ms (default 2000)." };
        var telemetry = new Option<string>("--telemetry") { Description = "Exporters: console, otlp, zipkin (comma-separated) or none.", DefaultValueFactory = _ => TelemetrySettings.NoExporter };
        var backend = new Option<string>("--backend") { Description = "Model runtime: auto (ONNX Runtime on the CPU, TorchSharp on CUDA), torch or onnx.", DefaultValueFactory = _ => "auto" };
        var command = new Command("silo", "Run one serving silo of an Ensemble cluster.") { run, gpus, cluster, siloPort, gatewayPort, dashboardPort, hedgeMs, telemetry, backend };
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
                settings = new SiloSettings(parse.GetValue(run)?.FullName, inventory, ClusterEndpoint.Parse(parse.GetValue(cluster)!),
                    parse.GetValue(siloPort), parse.GetValue(gatewayPort), parse.GetValue(dashboardPort), telemetry: TelemetrySettings.Parse(parse.GetValue(telemetry)),
                    hedgeAfter: parse.GetValue(hedgeMs) is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
                    backend: ServingOptions.ParseBackend(parse.GetValue(backend)!));
            }
            catch (ArgumentException e)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"ensemble silo: {e.Message}");
                return EnsembleCli.UsageExitCode;
            }
            using var host = SiloHost.Build(settings);
            await host.StartAsync(cancellationToken);
            var gpuText = settings.Gpus.HasGpus ? string.Join(',', settings.Gpus.Devices.Select(d => $"cuda:{d.Index}")) + (settings.Gpus.Simulated ? " (simulated)" : "") : "none (cpu)";
            await output.WriteLineAsync($"{ReadyLine}: cluster {settings.Cluster}, silo port {settings.SiloPort}, gateway port {settings.GatewayPort}, gpus {gpuText}, backend {ServingOptions.BackendName(settings.Backend)}{(settings.DashboardPort is { } d ? $", dashboard http://localhost:{d}{SiloHost.DashboardRoute}" : "")}");
            await output.FlushAsync(cancellationToken);
            await host.WaitForShutdownAsync(cancellationToken);
            return 0;
        });
        return command;
    }
}
