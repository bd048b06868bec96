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
        var cluster = new Option<string?>("--cluster") { Description = "localhost or redis://HOST:PORT: tag on that cluster." };
        var gatewayPort = new Option<int>("--gateway-port") { Description = "Gateway port of a localhost cluster.", DefaultValueFactory = _ => SiloSettings.DefaultGatewayPort };
        var top = new Option<int>("--top") { Description = "Labels printed per clip.", DefaultValueFactory = _ => ClipTagRequest.DefaultTopK };
        var outFile = new Option<FileInfo?>("--out") { Description = "Write every class score as a Kaggle submission CSV." };
        var deadline = new Option<int?>("--deadline-ms") { Description = "Answer with the models that replied within this time (marked partial)." };
        var concurrency = new Option<int>("--concurrency") { Description = "Clips in flight at once.", DefaultValueFactory = _ => EnsembleClient.DefaultConcurrency };
        var telemetry = new Option<string>("--telemetry") { Description = "Exporters: console, otlp, zipkin (comma-separated) or none.", DefaultValueFactory = _ => TelemetrySettings.NoExporter };
        var backend = new Option<string?>("--backend") { Description = "Model runtime of the embedded silo (--run without --cluster): auto (default: ONNX Runtime on the CPU, TorchSharp on CUDA), torch or onnx." };
        var command = new Command("tag", "Tag audio clips with the served ensemble.") { paths, run, cluster, gatewayPort, top, outFile, deadline, concurrency, telemetry, backend };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            string[] files;
            TelemetrySettings exporters;
            ClusterEndpoint? endpoint;
            ServingBackend servingBackend;
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
                if (parse.GetValue(top) < 0 || parse.GetValue(concurrency) <= 0 || parse.GetValue(deadline) is <= 0)
                    throw new ArgumentException("--top must be ≥ 0, --concurrency and --deadline-ms positive");
            }
            catch (Exception e) when (e is ArgumentException or FileNotFoundException or DirectoryNotFoundException)
            {
                await error.WriteLineAsync($"ensemble tag: {e.Message}");
                return EnsembleCli.UsageExitCode;
            }

            await using var connection = endpoint is null
                ? await EnsembleConnection.StartEmbeddedAsync(parse.GetValue(run)!.FullName, telemetry: exporters, responseTimeout: TagResponseTimeout,
                    backend: servingBackend, cancellationToken: cancellationToken)
                : await EnsembleConnection.ConnectAsync(endpoint, exporters, parse.GetValue(gatewayPort), TagResponseTimeout, cancellationToken);
            var client = connection.Client;
            if (endpoint is not null && parse.GetValue(run) is { } runDir)
                await client.ActivateAsync(EnsembleSiloExtensions.ManifestPathOf(runDir.FullName)!);
            var manifest = await client.GetManifestAsync();
            await output.WriteLineAsync($"{connection.Description}: manifest {manifest.Version}, {manifest.Models.Length} models, {manifest.Audio.TestTtaCrops} TTA crops, {files.Length} clips");

            var results = await client.TagFilesAsync(files, parse.GetValue(top), parse.GetValue(deadline), parse.GetValue(concurrency), cancellationToken);
            foreach (var result in results)
                await output.WriteLineAsync(Describe(result));
            var latencies = results.Select(r => r.TotalMs).Order().ToArray();
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{results.Length} clips, latency p50 {Percentile(latencies, 0.5):F1} ms, p99 {Percentile(latencies, 0.99):F1} ms, {results.Count(r => r.IsPartial)} partial"));
            if (parse.GetValue(outFile) is { } csv)
            {
                SubmissionCsv.Write(csv.FullName, results.Select(r => r.ClipName).ToArray(), new ClassList(manifest.Labels), results.SelectMany(r => r.Scores).ToArray());
                await output.WriteLineAsync($"wrote {csv.FullName}");
            }
            return 0;
        });
        return command;
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

    /// <summary>Files as given; folders become their *.wav files, sorted.</summary>
    public static string[] ExpandWavs(IEnumerable<string> paths) =>
        paths.SelectMany<string, string>(p =>
            Directory.Exists(p) ? Directory.GetFiles(p, "*.wav").Order(StringComparer.Ordinal).ToArray()
            : File.Exists(p) ? [Path.GetFullPath(p)]
            : throw new FileNotFoundException($"{p}: no such file or folder", p)).ToArray();
}
