using System.CommandLine;
using System.Globalization;
using Ensemble.Cli.Serving;
using Ensemble.Grains.Abstractions.Clips;
using Ensemble.Grains.Hosting;
using Ensemble.Grains.Inference;
using Ensemble.Silo.Hosting;
using Ensemble.Training.Data;
using Ensemble.Training.Submissions;
using MathNet.Numerics.Statistics;
using Microsoft.Extensions.Logging;
using Polly.Timeout;

namespace Ensemble.Cli;

/// <summary>
/// `ensemble tag PATH... [--run RUN | --cluster …] [--top 5] [--out submission.csv] [--deadline-ms N]`: tags WAV files
/// (or every *.wav of a folder) through a cluster, or an embedded silo when only --run is given.
/// </summary>
internal static class TagCommand
{
    /// <summary>A batch job: a clip may queue behind many others on a busy CPU, so allow more than Orleans' 30 s.</summary>
    public static readonly TimeSpan TagResponseTimeout = TimeSpan.FromMinutes(10);

    public static Command Create()
    {
        var paths = new Argument<string[]>("PATH") { Description = "WAV files or folders of them.", Arity = ArgumentArity.OneOrMore };
        var run = new Option<DirectoryInfo?>("--run") { Description = "Run directory to serve (embedded silo unless --cluster is given; with --cluster it is activated there)." };
        var cluster = new Option<string?>("--cluster") { Description = "localhost or redis://[:PASSWORD@]HOST:PORT (rediss:// for TLS): tag on that cluster." };
        var gatewayPort = new Option<int>("--gateway-port") { Description = "Gateway port of a localhost cluster.", DefaultValueFactory = _ => SiloSettings.DefaultGatewayPort };
        var top = new Option<int>("--top") { Description = "Labels printed per clip.", DefaultValueFactory = _ => ClipTagRequest.DefaultTopK };
        var outFile = new Option<FileInfo?>("--out") { Description = "Write every class score as a Kaggle submission CSV." };
        var deadline = new Option<int?>("--deadline-ms") { Description = "Answer with the models that replied within this time (marked partial)." };
        var concurrency = new Option<int>("--concurrency") { Description = "Clips in flight at once.", DefaultValueFactory = _ => EnsembleClient.DefaultConcurrency };
        var telemetry = new Option<string>("--telemetry") { Description = "Exporters: console, otlp, zipkin (comma-separated) or none.", DefaultValueFactory = _ => TelemetrySettings.NoExporter };
        var backend = new Option<string?>("--backend") { Description = "Model runtime of the embedded silo (--run without --cluster): auto (default: ONNX Runtime on the CPU, TorchSharp on CUDA), torch or onnx." };
        var timeout = new Option<int>("--timeout-s")
        {
            Description = $"Per-call timeout of one clip's attempt (each clip gets up to {TagCallOptions.DefaultMaxAttempts} attempts on silo-unavailable errors and timeouts).",
            DefaultValueFactory = _ => DefaultPerCallTimeoutSeconds,
        };
        var connectTimeout = new Option<int>("--connect-timeout-s")
        {
            Description = "How long to look for a gateway of --cluster before giving up.",
            DefaultValueFactory = _ => (int)ClusterDefaults.ConnectTimeout.TotalSeconds,
        };
        var verbose = new Option<bool>("--verbose") { Description = "Show the Orleans client's and silo's own log lines." };
        var command = new Command("tag", "Tag audio clips with the served ensemble.")
        {
            paths, run, cluster, gatewayPort, top, outFile, deadline, concurrency, telemetry, backend, timeout, connectTimeout, verbose,
        };
        var tls = new TlsCliOptions();
        tls.AddTo(command);
        var webPorts = new EmbeddedPortOptions();
        webPorts.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            string[] files;
            TlsSettings? tlsSettings;
            TelemetrySettings exporters;
            ClusterEndpoint? endpoint;
            ServingBackend servingBackend;
            TagCallOptions calls;
            EmbeddedPorts open;
            try
            {
                files = ExpandWavs(parse.GetValue(paths)!);
                exporters = TelemetrySettings.Parse(parse.GetValue(telemetry));
                endpoint = parse.GetValue(cluster) is { } c ? ClusterEndpoint.Parse(c) : null;
                if (endpoint is null && parse.GetValue(run) is null)
                    throw new ArgumentException("give --run RUN (embedded silo) or --cluster");
                if (endpoint is not null && parse.GetValue(backend) is not null)
                    throw new ArgumentException("--backend chooses the embedded silo's runtime; a cluster's silos choose theirs (ensemble silo --backend)");
                servingBackend = ServingOptions.ParseBackend(parse.GetValue(backend) ?? "auto");
                tlsSettings = tls.Parse(parse);
                open = webPorts.Parse(parse);
                if (endpoint is not null && webPorts.AnyGiven(parse))
                    throw new ArgumentException("--http-port, --grpc-port and --metrics-port open an embedded silo's ports (--run); a cluster's silos open their own (ensemble silo --http-port)");
                if (tlsSettings is not null && endpoint is null)
                    throw new ArgumentException($"{TlsSettings.CertificateOption} is for --cluster (an embedded silo talks to itself)");
                if (parse.GetValue(top) < 0 || parse.GetValue(concurrency) <= 0 || parse.GetValue(deadline) is <= 0)
                    throw new ArgumentException("--top must be ≥ 0, --concurrency and --deadline-ms positive");
                if (parse.GetValue(timeout) <= 0 || parse.GetValue(timeout) >= TagResponseTimeout.TotalSeconds || parse.GetValue(connectTimeout) <= 0)
                    throw new ArgumentException($"--timeout-s must be 1..{(int)TagResponseTimeout.TotalSeconds - 1}, --connect-timeout-s positive");
                calls = new TagCallOptions(perCallTimeout: TimeSpan.FromSeconds(parse.GetValue(timeout)));
                if (files.Length == 0)
                    throw new ArgumentException($"no .wav files in {string.Join(", ", parse.GetValue(paths)!)}");
                if (parse.GetValue(outFile) is not null && files.GroupBy(Path.GetFileName, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
                    throw new ArgumentException($"--out: two clips are named {twice.Key} ({string.Join(", ", twice)}); a submission has one row per name");
            }
            catch (Exception e) when (e is ArgumentException or FileNotFoundException or DirectoryNotFoundException)
            {
                await error.WriteLineAsync($"ensemble tag: {e.Message}");
                return EnsembleCli.UsageExitCode;
            }

            var logLevel = parse.GetValue(verbose) ? LogLevel.Information : LogLevel.None;
            using var signals = new SignalCancellation(cancellationToken);
            cancellationToken = signals.Token;
            try
            {
                await using var connection = endpoint is null
                    ? await EnsembleConnection.StartEmbeddedAsync(parse.GetValue(run)!.FullName, telemetry: exporters, responseTimeout: TagResponseTimeout,
                        backend: servingBackend, calls: calls, logLevel: logLevel, open: open, cancellationToken: cancellationToken)
                    : await EnsembleConnection.ConnectAsync(endpoint, exporters, parse.GetValue(gatewayPort), TagResponseTimeout, calls,
                        TimeSpan.FromSeconds(parse.GetValue(connectTimeout)), logLevel, tlsSettings, cancellationToken);
                var client = connection.Client;
                if (endpoint is not null && parse.GetValue(run) is { } runDir)
                    await client.ActivateAsync(EnsembleSiloExtensions.ManifestPathOf(runDir.FullName)!);
                var manifest = await client.GetManifestAsync(cancellationToken);
                await output.WriteLineAsync($"{connection.Description}: manifest {manifest.Version}, {manifest.Models.Length} models, {manifest.Audio.TestTtaCrops} TTA crops, {files.Length} clips");
                using var csv = parse.GetValue(outFile) is { } csvFile ? new SubmissionCsvWriter(csvFile.FullName, new ClassList(manifest.Labels)) : null;
                var tally = await TagAllAsync(client, files, parse.GetValue(top), parse.GetValue(deadline), parse.GetValue(concurrency), csv, output, error, cancellationToken);
                await output.WriteLineAsync(tally.Summary(files.Length, csv?.Path));
                return tally.ExitCode;
            }
            catch (Exception e) when (StartFailures.IsOneLine(e) || e is TimeoutRejectedException)
            {
                // Starting the silo or client, or reading the manifest, failed: one line, as predict prints (--verbose: the logs).
                await error.WriteLineAsync($"ensemble tag: {e.Message.ReplaceLineEndings(" ")}");
                return 1;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await error.WriteLineAsync("ensemble tag: stopped by a signal before tagging began");
                return CancelledExitCode;
            }
        });
        return command;
    }

    /// <summary>Default of --timeout-s: a clip may queue behind many others on a busy CPU.</summary>
    public const int DefaultPerCallTimeoutSeconds = 120;

    /// <summary>Exit status when Ctrl-C or SIGTERM stopped the batch (128 + SIGINT, the shell's convention).</summary>
    public const int CancelledExitCode = 130;

    /// <summary>Tags every clip, writing each line (and CSV row) as its answer arrives; stops early, keeping what was
    /// done, when <paramref name="cancellationToken"/> is cancelled.</summary>
    private static async Task<TagTally> TagAllAsync(EnsembleClient client, string[] files, int top, int? deadlineMs, int concurrency,
        SubmissionCsvWriter? csv, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var tally = new TagTally();
        try
        {
            await foreach (var outcome in client.TagFilesAsync(files, top, deadlineMs, concurrency, cancellationToken))
            {
                if (outcome.Result is { } result)
                {
                    csv?.Add(result.ClipName, result.Scores);
                    await output.WriteLineAsync(Describe(result));
                }
                else
                    await error.WriteLineAsync($"{outcome.Path}: not tagged: {outcome.Failure}");
                tally.Add(outcome);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            tally.Cancelled = true;
        }
        return tally;
    }

    public static string Describe(ClipTagResult result)
    {
        var top = string.Join(", ", result.Top.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Label} {t.Score:F3}")));
        var partial = result.IsPartial ? $"  [partial: missing {string.Join(", ", result.MissingModels.Select(m => m.ToString()))}]" : "";
        return string.Create(CultureInfo.InvariantCulture, $"{result.ClipName}  {top}  ({result.TotalMs:F0} ms){partial}");
    }

    /// <summary>
    /// The <paramref name="q"/>-quantile of ascending <paramref name="sorted"/> latencies as MathNet's inverse empirical
    /// CDF (R-1: a value that was measured, never an interpolation); NaN when empty.
    /// </summary>
    public static double Percentile(double[] sorted, double q) => SortedArrayStatistics.QuantileCustom(sorted, q, QuantileDefinition.EmpiricalInvCDF);

    /// <summary>Files as given; folders become their *.wav files, sorted (symbolic links included, dangling or not, so
    /// that a broken one is reported as that clip's failure).</summary>
    public static string[] ExpandWavs(IEnumerable<string> paths) =>
        paths.SelectMany<string, string>(p =>
            Directory.Exists(p) ? Directory.GetFiles(p, "*.wav").Order(StringComparer.Ordinal).ToArray()
            : File.Exists(p) || new FileInfo(p).LinkTarget is not null ? [Path.GetFullPath(p)]
            : throw new FileNotFoundException($"{p}: no such file or folder", p)).ToArray();
}
