using Ensemble.Cli.Serving;
using System.CommandLine;
using System.Globalization;
using Ensemble.Cli.Training;
using Ensemble.Client;
using Ensemble.Grains.Abstractions.Training;
using Ensemble.Models.Runtime;
using Ensemble.Training.Data;
using Ensemble.Training.Features;
using Ensemble.Training.Recipes;
using Ensemble.Training.Runs;
using Spectre.Console;

namespace Ensemble.Cli;

/// <summary>
/// `ensemble train --data DIR --recipe FILE --out RUN`: runs a recipe into a run folder; re-running resumes. With
/// `--cluster` the run is submitted to the cluster's training grains instead and its progress streamed
/// (<see cref="ClusterTraining"/>); the folders must be on storage every silo sees.
/// </summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "Dataset folder in the FAT2019 layout.", Required = true };
        var recipe = new Option<FileInfo>("--recipe") { Description = "Recipe JSON (recipes/7th-place.json, recipes/cpu-quick.json).", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "Run folder (created; an existing one is resumed).", Required = true };
        var cache = new Option<DirectoryInfo?>("--cache") { Description = $"Feature cache folder (default: $ENSEMBLE_HOME/{FeatureCache.DefaultRoot})." };
        var skip = new Option<bool>("--skip-bad-clips") { Description = "Train without clips that have data issues (the report stays in the run folder)." };
        var stopAfter = new Option<int?>("--stop-after-epochs") { Description = "Stop after this many epochs finish in this process (resume later by re-running)." };
        var plain = new Option<bool>("--plain") { Description = "Plain-text progress instead of progress bars." };
        var device = new Option<string>("--device")
        {
            Description = "Where models, batches and validation TTA run: cpu, cuda or cuda:N.",
            DefaultValueFactory = _ => TrainingHostOptions.DefaultDevice,
        };
        var threads = new Option<int?>("--threads") { Description = "libtorch intra-op threads for every model (default: the recipe's torchThreads and models[].torchThreads)." };
        var cluster = TrainingClusterOptions.Cluster(required: false);
        cluster.Description = "Train on this cluster's trainers (localhost or redis://[:PASSWORD@]HOST:PORT, rediss:// for TLS) instead of in this process.";
        var gatewayPort = TrainingClusterOptions.GatewayPort();
        var runId = new Option<string?>("--run-id") { Description = "With --cluster: the run's id (default: the --out folder's name)." };
        var serve = new Option<bool>("--serve") { Description = "With --cluster: serve the finished run's manifest on the cluster." };
        var command = new Command("train", "Train a recipe: noisy pretraining, per-fold curated fine-tuning, OOF blend, test predictions, manifest.")
        {
            data, recipe, output, cache, skip, stopAfter, plain, device, threads, cluster, gatewayPort, runId, serve,
        };
        var tls = new TlsCliOptions();
        tls.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(cluster) is not { } clusterName)
                return RunLocally(parse);
            var stderr = parse.InvocationConfiguration.Error;
            try
            {
                var tlsSettings = tls.Parse(parse);
                var loaded = RecipeJson.Load(parse.GetValue(recipe)!.FullName);
                var outDir = parse.GetValue(output)!.FullName;
                var submission = new TrainingRunSubmission(parse.GetValue(runId) ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(outDir)),
                    RecipeJson.Serialize(loaded), parse.GetValue(data)!.FullName, outDir, CacheFolder(parse.GetValue(cache)),
                    RunProvenance.GitCommit(AppContext.BaseDirectory), parse.GetValue(skip) ? true : null);
                submission.Validate();
                await using var connection = await TrainingConnection.ConnectAsync(clusterName, parse.GetValue(gatewayPort), tlsSettings, cancellationToken);
                return await ClusterTraining.RunAsync(connection, submission, parse.GetValue(serve), parse.InvocationConfiguration.Output, stderr, cancellationToken);
            }
            catch (Exception e) when (e is RecipeException or ArgumentException or ClusterUnavailableException)
            {
                await stderr.WriteLineAsync($"ensemble train: {e.Message}");
                return e is ArgumentException ? EnsembleCli.UsageExitCode : 1;
            }
        });
        return command;

        int RunLocally(ParseResult parse)
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            TrainingHostOptions hostOptions;
            try
            {
                hostOptions = new TrainingHostOptions(parse.GetValue(device)!, parse.GetValue(threads));
                TorchDevice.Resolve(hostOptions.Device);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                // A bad value is a usage error (2); a valid device this build or host lacks is a run-time failure (1).
                stderr.WriteLine($"ensemble train: {e.Message}");
                return e is ArgumentException ? 2 : 1;
            }
            try
            {
                var loaded = RecipeJson.Load(parse.GetValue(recipe)!.FullName);
                var cacheDir = CacheFolder(parse.GetValue(cache));
                var options = new TrainOptions(parse.GetValue(data)!.FullName, parse.GetValue(output)!.FullName, cacheDir,
                    parse.GetValue(skip) ? true : null);
                using var stop = new CancellationTokenSource();
                var limit = parse.GetValue(stopAfter);
                var finished = 0;
                void AfterEpoch(string label, EpochMetrics metrics)
                {
                    if (limit is { } n && ++finished >= n)
                        stop.Cancel();
                }
                var started = DateTime.UtcNow;
                RunSummary summary;
                if (parse.GetValue(plain) || Console.IsOutputRedirected)
                {
                    var progress = new TextProgress(stdout);
                    summary = new TrainingPipeline(loaded, options, new TrainingHost(hostOptions, progress), progress).Run(AfterEpoch, stop.Token);
                }
                else
                {
                    summary = AnsiConsole.Progress()
                        .AutoClear(false)
                        .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                            new ElapsedTimeColumn(), new RemainingTimeColumn())
                        .Start(context =>
                        {
                            var progress = new SpectreProgress(context);
                            return new TrainingPipeline(loaded, options, new TrainingHost(hostOptions, progress), progress).Run(AfterEpoch, stop.Token);
                        });
                }
                stdout.Write(summary.ToMarkdown());
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run folder {options.RunDirectory}, wall time {(DateTime.UtcNow - started).TotalSeconds:F0} s"));
                return 0;
            }
            catch (OperationCanceledException)
            {
                stdout.WriteLine($"stopped after {parse.GetValue(stopAfter)} epoch(s); re-run the same command to resume");
                return 0;
            }
            catch (Exception e) when (e is RecipeException or DatasetFormatException or DatasetIssuesException or DirectoryNotFoundException
                or RunFolderException)
            {
                stderr.WriteLine($"ensemble train: {e.Message}");
                if (e is DatasetIssuesException)
                    stderr.WriteLine("Fix the data, or pass --skip-bad-clips to train without the affected clips.");
                return 1;
            }
        }
    }

    private static string CacheFolder(DirectoryInfo? cache) =>
        cache?.FullName ?? Path.Combine(RepositoryLayout.FindRoot() ?? Directory.GetCurrentDirectory(), FeatureCache.DefaultRoot);
}
