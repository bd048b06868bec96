using System.CommandLine;
using Ensemble.Cli.Serving;
using Ensemble.Grains.Hosting;
using Ensemble.Silo.Hosting;
using Microsoft.Extensions.Logging;

namespace Ensemble.Cli.Load;

/// <summary>
/// `ensemble load --run RUN | --cluster … | --url http://… --clients N --duration S --clips DIR`: a load generator in
/// the manner of Triton's perf_analyzer (concurrency mode, warm-up, stable windows). Prints throughput, p50/p95/p99,
/// errors by kind, partial answers, the server's queue/compute split and resident memory over time.
/// </summary>
internal static class LoadCommand
{
    public static Command Create()
    {
        var run = new Option<DirectoryInfo?>("--run") { Description = "Run directory served by an embedded silo in this process (as tag --run)." };
        var cluster = new Option<string?>("--cluster") { Description = "localhost or redis://[:PASSWORD@]HOST:PORT (rediss:// for TLS): load that cluster through the Orleans client." };
        var url = new Option<string?>("--url") { Description = "A silo's HTTP front door (http://HOST:8000, or https:// trusting --tls-ca): load it over the Open Inference Protocol." };
        var gatewayPort = new Option<int>("--gateway-port") { Description = "Gateway port of a localhost cluster.", DefaultValueFactory = _ => SiloSettings.DefaultGatewayPort };
        var clips = new Option<DirectoryInfo>("--clips") { Description = "Folder of WAV clips sent round robin (read into memory once).", Required = true };
        var clients = new Option<int>("--clients") { Description = "Concurrent clients, each with one request in flight.", DefaultValueFactory = _ => LoadOptions.DefaultClients };
        var duration = new Option<int>("--duration") { Description = "Measured seconds (after the warm-up).", DefaultValueFactory = _ => LoadOptions.DefaultDurationSeconds };
        var warmup = new Option<int>("--warmup") { Description = "Seconds of load before measuring (models load, caches fill).", DefaultValueFactory = _ => LoadOptions.DefaultWarmupSeconds };
        var window = new Option<int>("--window") { Description = "Seconds per measurement window (stability check).", DefaultValueFactory = _ => LoadOptions.DefaultWindowSeconds };
        var deadline = new Option<int?>("--deadline-ms") { Description = "Each request's deadline: models late past it are left out (partial answer)." };
        var watch = new Option<int[]>("--watch-pid") { Description = "Local silo processes whose resident memory to record (--run records this process).", AllowMultipleArgumentsPerToken = true };
        var outDir = new Option<DirectoryInfo?>("--out") { Description = "Write requests.csv, memory.csv and memory.png here." };
        var backend = new Option<string?>("--backend") { Description = "Model runtime of the embedded silo (--run): auto, torch or onnx." };
        var verbose = new Option<bool>("--verbose") { Description = "Show the Orleans client's and silo's own log lines." };
        var command = new Command("load", "Load a run, a cluster or a front door with concurrent clients: throughput, p50/p95/p99, errors, memory.")
        {
            run, cluster, url, gatewayPort, clips, clients, duration, warmup, window, deadline, watch, outDir, backend, verbose,
        };
        var tls = new TlsCliOptions();
        tls.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            TlsSettings? tlsSettings;
            LoadOptions options;
            IReadOnlyList<LoadClip> loaded;
            ClusterEndpoint? endpoint;
            Uri? frontDoor = null;
            try
            {
                var targets = new object?[] { parse.GetValue(run), parse.GetValue(cluster), parse.GetValue(url) }.Count(v => v is not null);
                if (targets != 1)
                    throw new ArgumentException("give exactly one of --run, --cluster and --url");
                if (parse.GetValue(deadline) is <= 0)
                    throw new ArgumentException("--deadline-ms must be positive");
                endpoint = parse.GetValue(cluster) is { } c ? ClusterEndpoint.Parse(c) : null;
                if (parse.GetValue(url) is { } u && !(Uri.TryCreate(u, UriKind.Absolute, out frontDoor) && frontDoor.Scheme is "http" or "https"))
                    throw new ArgumentException($"--url {u}: not an http:// or https:// address");
                tlsSettings = tls.Parse(parse);
                if (tlsSettings is not null && parse.GetValue(run) is not null)
                    throw new ArgumentException($"{TlsSettings.CertificateOption} is for --cluster and --url (an embedded silo talks to itself)");
                options = new LoadOptions(parse.GetValue(clients), TimeSpan.FromSeconds(parse.GetValue(duration)), TimeSpan.FromSeconds(parse.GetValue(warmup)),
                    TimeSpan.FromSeconds(parse.GetValue(window)), TimeSpan.FromMilliseconds(LoadOptions.DefaultMemoryIntervalMs));
                loaded = LoadClip.ReadFolder(parse.GetValue(clips)!.FullName);
            }
            catch (Exception e) when (e is ArgumentException or DirectoryNotFoundException or Audio.AudioFormatException)
            {
                await error.WriteLineAsync($"ensemble load: {e.Message}");
                return EnsembleCli.UsageExitCode;
            }

            var logLevel = parse.GetValue(verbose) ? LogLevel.Information : LogLevel.None;
            using var signals = new SignalCancellation(cancellationToken);
            cancellationToken = signals.Token;
            try
            {
                await using var target = await OpenAsync(parse.GetValue(run), endpoint, frontDoor, parse.GetValue(gatewayPort),
                    parse.GetValue(deadline), parse.GetValue(backend), logLevel, tlsSettings, cancellationToken);
                var watched = Watched(parse.GetValue(run) is not null, parse.GetValue(watch) ?? []);
                await output.WriteLineAsync($"load: {target.Description}, {options.Clients} clients, {options.Warmup.TotalSeconds:F0} s warm-up + {options.Duration.TotalSeconds:F0} s, {loaded.Count} clips");
                LoadRun loadRun;
                IReadOnlyList<MemorySample> memory;
                string? memoryProblem;
                var memoryWatch = new MemoryWatch(watched, options.MemoryInterval, TimeProvider.System);
                try
                {
                    loadRun = await new LoadGenerator(target, loaded, options, TimeProvider.System).RunAsync(cancellationToken);
                }
                finally
                {
                    memoryWatch.Dispose();
                }
                memory = memoryWatch.Samples;
                memoryProblem = memoryWatch.Problem;
                if (memoryProblem is not null)
                    await error.WriteLineAsync($"ensemble load: memory: {memoryProblem}");
                var report = LoadReport.Of(loadRun, options);
                if (parse.GetValue(outDir) is { } folder)
                    await output.WriteLineAsync($"wrote {string.Join(", ", LoadFiles.Write(folder.FullName, loadRun.Samples, memory, options.Warmup))}");
                report.Write(output, MemoryGrowth.Of(memory, options.Warmup));
                return report.Errors == 0 && report.Requests.Lost == 0 && !cancellationToken.IsCancellationRequested ? 0 : 1;
            }
            catch (Exception e) when (StartFailures.IsOneLine(e) || e is HttpRequestException)
            {
                await error.WriteLineAsync($"ensemble load: {e.Message.ReplaceLineEndings(" ")}");
                return 1;
            }
        });
        return command;
    }

    private static async Task<ILoadTarget> OpenAsync(DirectoryInfo? run, ClusterEndpoint? cluster, Uri? url, int gatewayPort, int? deadlineMs,
        string? backend, LogLevel logLevel, TlsSettings? tls, CancellationToken cancellationToken)
    {
        if (url is not null)
            return new HttpLoadTarget(url, deadlineMs, tls);
        var connection = cluster is null
            ? await EnsembleConnection.StartEmbeddedAsync(run!.FullName, responseTimeout: TagCommand.TagResponseTimeout,
                backend: ServingOptions.ParseBackend(backend ?? "auto"), logLevel: logLevel, cancellationToken: cancellationToken)
            : await EnsembleConnection.ConnectAsync(cluster, TelemetrySettings.Parse(TelemetrySettings.NoExporter), gatewayPort, TagCommand.TagResponseTimeout,
                calls: null, connectTimeout: null, logLevel, tls, cancellationToken);
        return new OrleansLoadTarget(connection, deadlineMs);
    }

    private static Dictionary<string, Func<long>> Watched(bool embedded, int[] pids)
    {
        var watched = pids.Distinct().ToDictionary(pid => $"pid {pid}", pid => (Func<long>)(() => ResidentMemory.Of(pid)));
        if (embedded)
            watched[$"embedded silo (pid {Environment.ProcessId})"] = () => ResidentMemory.Of(Environment.ProcessId);
        return watched;
    }
}
