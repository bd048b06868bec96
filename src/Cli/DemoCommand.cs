using System.CommandLine;
using System.Globalization;
using Ensemble.Cli.Serving;
using Ensemble.Training.Data;
using Ensemble.Training.Features;
using Ensemble.Training.Manifest;
using Ensemble.Training.Metrics;
using Ensemble.Training.Recipes;
using Ensemble.Training.Runs;
using Ensemble.Training.Submissions;

namespace Ensemble.Cli;

/// <summary>
/// `ensemble demo`: the main job on the embedded single-process default. Serves the ensemble shipped in models/demo
/// (trained by scripts/make-demo-model.sh on fat-mini's training splits) from an embedded silo, tags the sample test
/// clips, and prints the top labels per clip, the lwlrap against the true labels and the latency breakdown read from
/// the clip traces. With --train it first trains the cpu-quick recipe on samples/ (or reuses that run) and serves that.
/// </summary>
internal static class DemoCommand
{
    public const string ShippedModelFolder = "models/demo";
    public const string DefaultRunFolder = "runs/demo";
    public const string ShippedOutputFolder = "runs/demo-shipped";
    public const string DefaultRecipe = "recipes/cpu-quick.json";
    public const int DefaultTopLabels = 3;
    public const string SubmissionFile = "demo-submission.csv";
    public const string ServingLine = "== serving until Ctrl-C";

    public static Command Create()
    {
        var data = new Option<DirectoryInfo?>("--data") { Description = "FAT2019-layout folder to train on and tag (default: the repository's samples/)." };
        var recipe = new Option<FileInfo?>("--recipe") { Description = $"Recipe to train (default: {DefaultRecipe})." };
        var train = new Option<bool>("--train") { Description = $"Train --recipe on --data into --run and serve that, instead of the shipped {ShippedModelFolder}." };
        var run = new Option<DirectoryInfo?>("--run") { Description = $"With --train: run folder (default: {DefaultRunFolder}); a finished run is reused." };
        var retrain = new Option<bool>("--retrain") { Description = "With --train: train even when the run folder already holds a finished run of the same recipe." };
        var top = new Option<int>("--top") { Description = "Labels printed per clip.", DefaultValueFactory = _ => DefaultTopLabels };
        var command = new Command("demo", $"Serve the shipped {ShippedModelFolder} ensemble (or, with --train, cpu-quick trained on samples/) from an embedded silo, tag the test clips, print labels, lwlrap and latencies; with --http-port, go on serving the inference API and web page until Ctrl-C.")
        {
            data, recipe, train, run, retrain, top,
        };
        var webPorts = new EmbeddedPortOptions();
        webPorts.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var root = RepositoryLayout.FindRoot() ?? Directory.GetCurrentDirectory();
            var dataDir = parse.GetValue(data)?.FullName ?? RepositoryLayout.SamplesDirectory(root)!;
            var recipePath = parse.GetValue(recipe)?.FullName ?? Path.Combine(root, DefaultRecipe);
            var trainFirst = parse.GetValue(train);
            EmbeddedPorts open;
            try
            {
                open = webPorts.Parse(parse);
            }
            catch (ArgumentException e)
            {
                await error.WriteLineAsync($"ensemble demo: {e.Message}");
                return EnsembleCli.UsageExitCode;
            }
            var runDir = trainFirst ? parse.GetValue(run)?.FullName ?? Path.Combine(root, DefaultRunFolder) : Path.Combine(root, ShippedModelFolder);
            if (!Directory.Exists(dataDir) || (trainFirst && !File.Exists(recipePath)))
            {
                await error.WriteLineAsync($"ensemble demo: need the data folder {dataDir}" + (trainFirst ? $" and the recipe {recipePath}" : ""));
                return 1;
            }
            if (!trainFirst && !File.Exists(Path.Combine(runDir, EnsembleManifest.FileName)))
            {
                await error.WriteLineAsync($"ensemble demo: the shipped ensemble {Path.Combine(runDir, EnsembleManifest.FileName)} is missing; run with --train, or rebuild it with scripts/make-demo-model.sh");
                return 1;
            }
            InfoCommand.Write(output);
            await output.WriteLineAsync();
            try
            {
                if (trainFirst)
                    TrainOrReuse(RecipeJson.Load(recipePath), dataDir, runDir, Path.Combine(root, FeatureCache.DefaultRoot), parse.GetValue(retrain), output);
                else
                    await DescribeShippedAsync(runDir, output);
            }
            catch (Exception e) when (e is RecipeException or DatasetFormatException or DatasetIssuesException or InvalidDataException or TagFailedException)
            {
                await error.WriteLineAsync($"ensemble demo: {e.Message}");
                return 1;
            }
            // The shipped folder stays as checked in: its submission goes to runs/, beside a trained demo's.
            var outputDir = trainFirst ? runDir : Path.Combine(root, ShippedOutputFolder);
            await ServeAndTagAsync(dataDir, runDir, outputDir, parse.GetValue(top), open, output, cancellationToken);
            return 0;
        });
        return command;
    }

    private static void TrainOrReuse(Recipe recipe, string dataDir, string runDir, string cacheDir, bool retrain, TextWriter output)
    {
        var manifest = Path.Combine(runDir, EnsembleManifest.FileName);
        var savedRecipe = Path.Combine(runDir, TrainingPipeline.RecipeFile);
        var sameRecipe = File.Exists(savedRecipe) && RecipeJson.Load(savedRecipe) is var saved && RecipeJson.Serialize(saved) == RecipeJson.Serialize(recipe);
        if (!retrain && File.Exists(manifest) && sameRecipe)
        {
            output.WriteLine($"== reusing the trained run {runDir} (--retrain to train again)");
            return;
        }
        if (File.Exists(savedRecipe) && !sameRecipe)
        {
            // The demo's own folder: a run prepared with another recipe cannot be continued, so it starts over.
            output.WriteLine($"== {runDir} was trained with another recipe; starting it over");
            Directory.Delete(runDir, recursive: true);
        }
        output.WriteLine($"== training recipe '{recipe.Name}' on {dataDir} into {runDir}");
        var started = DateTime.UtcNow;
        var progress = new TextProgress(output);
        var summary = new TrainingPipeline(recipe, new TrainOptions(dataDir, runDir, cacheDir), new TrainingHost(new TrainingHostOptions(), progress), progress).Run();
        output.Write(summary.ToMarkdown());
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"training wall time {(DateTime.UtcNow - started).TotalSeconds:F0} s"));
    }

    private static async Task DescribeShippedAsync(string modelDir, TextWriter output)
    {
        var manifest = EnsembleManifest.Load(Path.Combine(modelDir, EnsembleManifest.FileName));
        await output.WriteLineAsync($"== serving the shipped ensemble {modelDir}: run '{manifest.RunName}', {manifest.Models.Count} models, "
            + $"commit {manifest.GitCommit}, data fingerprint {manifest.DataFingerprint} (provenance: {Path.Combine(modelDir, "README.md")}; --train to train on samples/ instead)");
    }

    private static async Task ServeAndTagAsync(string dataDir, string runDir, string outputDir, int top, EmbeddedPorts open, TextWriter output, CancellationToken cancellationToken)
    {
        var testDir = Path.Combine(dataDir, FatDataset.TestFolder);
        var files = TagCommand.ExpandWavs([testDir]);
        using var traces = new ServingTraceRecorder();
        await using var connection = await EnsembleConnection.StartEmbeddedAsync(runDir, responseTimeout: TagCommand.TagResponseTimeout, open: open, cancellationToken: cancellationToken);
        var manifest = await connection.Client.GetManifestAsync(cancellationToken);
        await output.WriteLineAsync($"\n== {connection.Description}: manifest {manifest.Version}, {manifest.Models.Length} models, {manifest.Audio.TestTtaCrops} TTA crops; tagging {files.Length} clips");

        var truthCsv = Path.Combine(dataDir, FatDataset.TestCsv);
        var truth = File.Exists(truthCsv) ? ReadTruth(truthCsv, manifest.Labels) : new Dictionary<string, string>();
        var outcomes = new List<TagOutcome>();
        await foreach (var outcome in connection.Client.TagFilesAsync(files, top, deadlineMs: null, EnsembleClient.DefaultConcurrency, cancellationToken))
            outcomes.Add(outcome);
        if (outcomes.FirstOrDefault(o => o.Failure is not null) is { } failed)
            throw new TagFailedException(failed.Path, failed.Failure!);
        var order = files.Select((f, i) => (f, i)).ToDictionary(p => p.f, p => p.i, StringComparer.Ordinal);
        var results = outcomes.OrderBy(o => order[o.Path]).Select(o => o.Result!).ToArray();
        foreach (var result in results)
        {
            var labels = truth.TryGetValue(result.ClipName, out var t) ? $"   truth: {t}" : "";
            await output.WriteLineAsync(TagCommand.Describe(result) + labels);
        }

        Directory.CreateDirectory(outputDir);
        var submission = Path.Combine(outputDir, SubmissionFile);
        SubmissionCsv.Write(submission, results.Select(r => r.ClipName).ToArray(), new ClassList(manifest.Labels), results.SelectMany(r => r.Scores).ToArray());
        if (File.Exists(truthCsv))
        {
            var (_, lwlrap) = SubmissionEvaluator.Evaluate(truthCsv, submission);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"\nlwlrap {lwlrap.Overall:F6} on {results.Length} test clips ({submission})"));
        }
        await output.WriteLineAsync("\n== latency breakdown from the traces (per clip, ms)");
        traces.WriteBreakdown(output);
        if (!open.AnyOpen)
            return;
        // The ports were asked for: the demo goes on serving them (the web page, curl, a load generator) until stopped.
        await output.WriteLineAsync($"\n{ServingLine}: {connection.Description}");
        await output.FlushAsync(cancellationToken);
        // Ctrl-C or SIGTERM ends the wait (and the silo, gracefully) instead of killing the process.
        using var signals = new SignalCancellation(cancellationToken);
        try
        {
            await Task.Delay(Timeout.Infinite, signals.Token);
        }
        catch (OperationCanceledException) when (signals.Token.IsCancellationRequested)
        {
            await output.WriteLineAsync("== stopped");
        }
    }

    private static Dictionary<string, string> ReadTruth(string csv, IReadOnlyList<string> labels)
    {
        var classes = new ClassList(labels);
        return LabelCsvReader.Read(csv, audioDirectory: null, classes, new List<DatasetIssue>())
            .ToDictionary(c => c.FileName, c => string.Join(", ", c.Labels.Select(l => classes.Names[l])), StringComparer.Ordinal);
    }
}
