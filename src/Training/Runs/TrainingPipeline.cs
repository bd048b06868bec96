using System.Globalization;
using Ensemble.Audio;
using Ensemble.Audio.Crops;
using Ensemble.Audio.Features;
using Ensemble.Models;
using Ensemble.Models.Checkpoints;
using Ensemble.Models.Inference;
using Ensemble.Models.Onnx;
using Ensemble.Training.Blending;
using Ensemble.Training.Data;
using Ensemble.Training.Features;
using Ensemble.Training.Folds;
using Ensemble.Training.Manifest;
using Ensemble.Training.Metrics;
using Ensemble.Training.Recipes;
using Ensemble.Training.Submissions;
using TorchSharp;
using Ensemble.Audio.Files;

namespace Ensemble.Training.Runs;

/// <summary>
/// Runs a recipe end to end into a run folder: data checks, features, folds, noisy pretraining and per-fold curated
/// fine-tuning for every model, OOF predictions and blend weights, test predictions, ONNX exports, plots and the
/// ensemble.json manifest. Every finished piece is on disk, so re-running the same command resumes.
/// </summary>
public sealed class TrainingPipeline(Recipe recipe, TrainOptions options, ITrainingProgress progress)
{
    public const string RecipeFile = "recipe.json";
    public const string GitFile = "git-commit.txt";
    public const string FingerprintFile = "data-fingerprint.txt";
    public const string SummaryFile = "summary.md";

    private AudioOptions Audio => recipe.Audio;

    /// <summary>The run's id in checkpoint sidecars: recipe name and seed.</summary>
    private string RunId => $"{recipe.Name}-seed{recipe.Seed}";

    public RunSummary Run(Action<string, EpochMetrics>? afterEpoch = null, CancellationToken cancellation = default)
    {
        var run = Path.GetFullPath(options.RunDirectory);
        Directory.CreateDirectory(run);
        UseThreads(recipe.TorchThreads);
        torch.manual_seed(recipe.Seed);
        RecipeJson.Save(recipe, Path.Combine(run, RecipeFile));
        File.WriteAllText(Path.Combine(run, GitFile), RunProvenance.GitCommit(AppContext.BaseDirectory) + "\n");

        var data = FatDataset.Read(options.DataDirectory);
        var fingerprint = RunProvenance.DataFingerprint(data);
        File.WriteAllText(Path.Combine(run, FingerprintFile), fingerprint + "\n");
        var classes = data.Classes;

        // Features of everything the run will touch: decoding problems join the CSV problems in one report.
        var issues = new List<DatasetIssue>(data.Issues);
        var features = new ClipFeatures(new FeatureCache(options.CacheDirectory, Audio.FeatureHash()), Audio.Decoding, Audio.LogMel, options.Parallelism);
        var needsNoisy = recipe.Models.Any(m => m.NoisyEpochs > 0) && data.Noisy.Count > 0;
        var curated = LoadVariants(features, FatDataset.CuratedFolder, data.Curated, recipe.Data.CuratedSoxChains, issues, cancellation);
        var noisy = needsNoisy ? LoadVariants(features, FatDataset.NoisyFolder, data.Noisy, recipe.Data.NoisySoxChains, issues, cancellation) : null;
        var testClips = data.TestAudioPaths.Select((p, i) => new LabeledClip(Path.GetFileName(p), p, [], 0)).ToArray();
        var test = LoadVariants(features, FatDataset.TestFolder, testClips, [], issues, cancellation);
        if (issues.Count > 0)
        {
            var report = Path.Combine(run, IssueReport.FileName);
            IssueReport.Write(report, issues);
            if (!(options.SkipBadClips ?? recipe.Data.SkipBadClips))
                throw new DatasetIssuesException(issues, report);
            progress.Message($"{issues.Count} data issue(s) skipped; report: {report}");
        }

        var curatedClips = Usable(data.Curated, curated);
        var folds = LoadOrCreateFolds(run, curatedClips, classes.Count);
        var outcomes = new List<ModelOutcome>();
        foreach (var model in recipe.Models)
        {
            UseThreads(model.TorchThreads ?? recipe.TorchThreads);
            outcomes.Add(TrainModel(run, model, classes, data, curatedClips, curated, noisy, folds, afterEpoch, cancellation));
        }
        UseThreads(recipe.TorchThreads);

        // Blend on OOF predictions (curated clips in a fixed order).
        var truth = curatedClips.SelectMany(c => c.TruthRow(classes.Count)).ToArray();
        var blend = BlendOptimizer.Optimize(outcomes.Select(o => o.OofPredictions).ToArray(), truth, classes.Count);
        var servingWeights = recipe.ServingBlend == Recipe.OofBlend ? blend.OptimizedWeights : blend.EqualWeights;
        WriteOof(run, curatedClips, classes, outcomes, blend);

        // Test predictions: each architecture averages its folds; blends as above.
        var testFeatures = testClips.Select((c, i) => test[0][i]).Where(f => f is not null).Select(f => (ILogMelSource)f!).ToArray();
        var testNames = testClips.Where((c, i) => test[0][i] is not null).Select(c => c.FileName).ToArray();
        var testResults = PredictTest(outcomes, classes, testNames, testFeatures, blend, data, run, cancellation);

        var manifest = WriteManifest(run, outcomes, servingWeights, classes, fingerprint, cancellation);
        RunPlots.Write(run, outcomes, classes, WeightedBlend.Apply(outcomes.Select(o => o.OofPredictions).ToArray(), servingWeights), truth);
        var summary = new RunSummary(outcomes.Select(o => (o.Name, o.OofLwlrap)).ToArray(), blend, testResults, manifest);
        File.WriteAllText(Path.Combine(run, SummaryFile), summary.ToMarkdown());
        return summary;
    }

    private static void UseThreads(int threads) => torch.set_num_threads(threads == 0 ? Environment.ProcessorCount : threads);

    private StoredLogMel?[][] LoadVariants(ClipFeatures features, string split, IReadOnlyList<LabeledClip> clips, IReadOnlyList<string> chains,
        List<DatasetIssue> issues, CancellationToken cancellation)
    {
        var variants = new List<StoredLogMel?[]>();
        var chainList = new List<string?> { null };
        chainList.AddRange(chains);
        foreach (var chain in chainList)
        {
            var label = chain is null ? $"features {split}" : $"features {split} + sox '{chain}'";
            var done = 0;
            progress.StageStarted(label, 1, 0, clips.Count);
            // Decoding problems are the same for every chain: report them once, from the original pass; a chain's
            // own failures (a SoX effect refusing a clip) are new and reported too.
            var sink = chain is null ? issues : new List<DatasetIssue>();
            variants.Add(features.EnsureAll(split, clips, chain, sink, _ => progress.BatchCompleted(label, 1, Interlocked.Increment(ref done), double.NaN), cancellation));
            if (chain is not null)
            {
                var undecodable = issues.Select(i => i.File).ToHashSet(StringComparer.Ordinal);
                issues.AddRange(sink.Where(i => !undecodable.Contains(i.File)));
            }
            progress.StageFinished(label);
        }
        return variants.ToArray();
    }

    private static LabeledClip[] Usable(IReadOnlyList<LabeledClip> clips, StoredLogMel?[][] variants) =>
        clips.Where((c, i) => variants.All(v => v[i] is not null)).ToArray();

    private FoldAssignment LoadOrCreateFolds(string run, IReadOnlyList<LabeledClip> clips, int classCount)
    {
        var path = Path.Combine(run, FoldAssignment.FileName);
        var folds = FoldAssignment.Create(clips, classCount, recipe.Folds, recipe.Seed);
        if (File.Exists(path))
        {
            var saved = FoldAssignment.Load(path, recipe.Folds);
            if (!saved.FoldOf.OrderBy(p => p.Key, StringComparer.Ordinal).SequenceEqual(folds.FoldOf.OrderBy(p => p.Key, StringComparer.Ordinal)))
                throw new InvalidDataException($"{path}: the saved folds differ from this recipe's and data's; use a new run folder");
            return saved;
        }
        folds.Save(path);
        return folds;
    }

    private static List<TrainingItem> Items(IReadOnlyList<LabeledClip> clips, StoredLogMel?[][] variants, int classCount, Func<LabeledClip, bool> include)
    {
        var items = new List<TrainingItem>();
        foreach (var variant in variants)
        {
            for (var i = 0; i < clips.Count; i++)
            {
                if (variant[i] is { } f && include(clips[i]))
                    items.Add(new TrainingItem(clips[i].FileName, f, clips[i].TruthRow(classCount).Select(t => t ? 1f : 0f).ToArray()));
            }
        }
        return items;
    }

    private ModelOutcome TrainModel(string run, ModelRecipe model, ClassList classes, FatDataset data, LabeledClip[] curatedClips,
        StoredLogMel?[][] curated, StoredLogMel?[][]? noisy, FoldAssignment folds, Action<string, EpochMetrics>? afterEpoch, CancellationToken cancellation)
    {
        var spec = new ModelSpec(model.Architecture, model.WidthMultiplier, classes.Count);
        var trainer = new StageTrainer(progress);
        var folder = Path.Combine(run, "models", model.Name);
        string? pretrained = null;
        if (model.NoisyEpochs > 0 && noisy is not null)
        {
            var label = $"{model.Name} noisy pretraining";
            var items = Items(data.Noisy, noisy, classes.Count, _ => true);
            var request = Request(label, Path.Combine(folder, "pretrain"), spec, model, items, [], model.NoisyEpochs, recipe.Seed * 31 + 1, null, classes.Names);
            pretrained = trainer.Run(request, cancellation, m => afterEpoch?.Invoke(label, m)).BestWeights;
        }

        // The curated originals in the fixed order the OOF matrix uses.
        var originals = curated[0];
        var indexOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < curatedClips.Length; i++)
            indexOf[curatedClips[i].FileName] = i;
        var allIndex = data.Curated.Select((c, i) => (c.FileName, i)).ToDictionary(p => p.FileName, p => p.i, StringComparer.Ordinal);
        var oof = new float[curatedClips.Length * classes.Count];
        var results = new List<StageResult>();
        for (var fold = 0; fold < recipe.Folds; fold++)
        {
            var k = fold;
            var label = $"{model.Name} fold {fold + 1}/{recipe.Folds}";
            var train = Items(data.Curated, curated, classes.Count, c => folds.FoldOf.TryGetValue(c.FileName, out var f) && f != k);
            var validationClips = curatedClips.Where(c => folds.FoldOf[c.FileName] == k).ToArray();
            var validation = validationClips.Select(c => new TrainingItem(c.FileName, originals[allIndex[c.FileName]]!,
                c.TruthRow(classes.Count).Select(t => t ? 1f : 0f).ToArray())).ToList();
            var request = Request(label, Path.Combine(folder, $"fold-{fold}"), spec, model, train, validation, model.CuratedEpochs,
                recipe.Seed * 31 + 2 + fold, pretrained, classes.Names);
            var result = trainer.Run(request, cancellation, m => afterEpoch?.Invoke(label, m));
            if (result.BestValidationPredictions.Length != validationClips.Length * classes.Count)
                throw new InvalidDataException($"{request.Directory}: {StageTrainer.BestPredictionsFile} holds {result.BestValidationPredictions.Length} values, expected {validationClips.Length * classes.Count}; delete the folder to retrain the fold");
            for (var v = 0; v < validationClips.Length; v++)
                Array.Copy(result.BestValidationPredictions, v * classes.Count, oof, indexOf[validationClips[v].FileName] * classes.Count, classes.Count);
            results.Add(result);
        }
        var truth = curatedClips.SelectMany(c => c.TruthRow(classes.Count)).ToArray();
        var lwlrap = Lwlrap.Compute(truth, oof, classes.Count);
        progress.Message($"{model.Name}: OOF lwlrap {lwlrap.Overall:F4}");
        return new ModelOutcome(model.Name, results, oof, lwlrap.Overall);
    }

    private StageRequest Request(string label, string directory, ModelSpec spec, ModelRecipe model, IReadOnlyList<TrainingItem> train,
        IReadOnlyList<TrainingItem> validation, int epochs, int seed, string? initial, IReadOnlyList<string> classNames) =>
        new(label, directory, spec, model.IsInception, train, validation, epochs, seed, Audio, recipe.Seed,
            model.OptimizerFor(recipe.Optimizer), recipe.Augmentation, initial, classNames, RunId);

    private static void WriteOof(string run, LabeledClip[] clips, ClassList classes, List<ModelOutcome> outcomes, BlendResult blend)
    {
        var folder = Path.Combine(run, "oof");
        Directory.CreateDirectory(folder);
        var names = clips.Select(c => c.FileName).ToArray();
        var truth = clips.SelectMany(c => c.TruthRow(classes.Count)).ToArray();
        foreach (var outcome in outcomes)
        {
            SubmissionCsv.Write(Path.Combine(folder, $"{outcome.Name}.csv"), names, classes, outcome.OofPredictions);
            PerClassReport.WriteCsv(Path.Combine(folder, $"{outcome.Name}-per-class.csv"), classes, Lwlrap.Compute(truth, outcome.OofPredictions, classes.Count));
        }
        var equal = WeightedBlend.Apply(outcomes.Select(o => o.OofPredictions).ToArray(), blend.EqualWeights);
        var optimized = WeightedBlend.Apply(outcomes.Select(o => o.OofPredictions).ToArray(), blend.OptimizedWeights);
        SubmissionCsv.Write(Path.Combine(folder, "blend-equal.csv"), names, classes, equal);
        SubmissionCsv.Write(Path.Combine(folder, "blend-oof.csv"), names, classes, optimized);
        PerClassReport.WriteCsv(Path.Combine(folder, "blend-equal-per-class.csv"), classes, Lwlrap.Compute(truth, equal, classes.Count));
        PerClassReport.WriteCsv(Path.Combine(folder, "blend-oof-per-class.csv"), classes, Lwlrap.Compute(truth, optimized, classes.Count));
        // The blends' OOF lwlrap is in summary.md; this file stays plain CSV.
        Csv.Write(Path.Combine(run, "blend-weights.csv"), ["model", "weight_equal", "weight_oof"], outcomes.Select((o, m) => (IReadOnlyList<string>)
            [o.Name, blend.EqualWeights[m].ToString("R", CultureInfo.InvariantCulture), blend.OptimizedWeights[m].ToString("R", CultureInfo.InvariantCulture)]));
    }

    private TestResults? PredictTest(List<ModelOutcome> outcomes, ClassList classes, string[] names, ILogMelSource[] features,
        BlendResult blend, FatDataset data, string run, CancellationToken cancellation)
    {
        if (features.Length == 0)
            return null;
        var folder = Path.Combine(run, "test");
        Directory.CreateDirectory(folder);
        var perModel = new List<float[]>();
        var scorer = ClipScorer.ForTest(Audio, recipe.Seed);
        var runnerOptions = new TorchModelRunnerOptions(melBands: Audio.LogMel.MelBands, frames: Audio.Crop.CropWidthFrames);
        foreach (var outcome in outcomes)
        {
            UseThreads(recipe.Models.Single(m => m.Name == outcome.Name).TorchThreads ?? recipe.TorchThreads);
            var folds = new List<float[]>();
            foreach (var fold in outcome.Folds)
            {
                cancellation.ThrowIfCancellationRequested();
                using var runner = TorchModelRunner.FromCheckpoint(fold.BestWeights, runnerOptions);
                folds.Add(scorer.Score(runner, names, i => features[i].Load()));
            }
            var averaged = WeightedBlend.Apply(folds, WeightedBlend.EqualWeights(folds.Count));
            perModel.Add(averaged);
            SubmissionCsv.Write(Path.Combine(folder, $"{outcome.Name}.csv"), names, classes, averaged);
        }
        UseThreads(recipe.TorchThreads);
        var equal = WeightedBlend.Apply(perModel, blend.EqualWeights);
        var optimized = WeightedBlend.Apply(perModel, blend.OptimizedWeights);
        SubmissionCsv.Write(Path.Combine(folder, "blend-equal.csv"), names, classes, equal);
        SubmissionCsv.Write(Path.Combine(folder, "blend-oof.csv"), names, classes, optimized);
        SubmissionCsv.Write(Path.Combine(run, "submission.csv"), names, classes, recipe.ServingBlend == Recipe.OofBlend ? optimized : equal);
        if (data.TestLabeled is null)
            return new TestResults([], double.NaN, double.NaN);
        var row = names.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i, StringComparer.Ordinal);
        var labeled = data.TestLabeled.Where(t => row.ContainsKey(t.FileName)).ToArray();
        var truth = labeled.SelectMany(t => t.TruthRow(classes.Count)).ToArray();
        double Score(float[] scores) => Lwlrap.Compute(truth, labeled.SelectMany(t => scores.AsSpan(row[t.FileName] * classes.Count, classes.Count).ToArray()).ToArray(), classes.Count).Overall;
        return new TestResults(outcomes.Select((o, m) => (o.Name, Score(perModel[m]))).ToArray(), Score(equal), Score(optimized));
    }

    private EnsembleManifest WriteManifest(string run, List<ModelOutcome> outcomes, double[] weights, ClassList classes, string fingerprint,
        CancellationToken cancellation)
    {
        var models = new List<ManifestModel>();
        for (var m = 0; m < outcomes.Count; m++)
        {
            var recipeModel = recipe.Models[m];
            var spec = new ModelSpec(recipeModel.Architecture, recipeModel.WidthMultiplier, classes.Count);
            for (var f = 0; f < outcomes[m].Folds.Count; f++)
            {
                cancellation.ThrowIfCancellationRequested();
                var fold = outcomes[m].Folds[f];
                string? onnx = null;
                if (recipe.ExportOnnx)
                {
                    onnx = Path.Combine(Path.GetDirectoryName(fold.BestWeights)!, "best.onnx");
                    using var loaded = Checkpoint.Load(fold.BestWeights);
                    loaded.Model.eval();
                    OnnxExporter.ExportToFile(loaded.Model, onnx, new OnnxExportOptions(Audio.LogMel.MelBands, Audio.Crop.CropWidthFrames, dynamicFrames: true, classes.Names));
                }
                models.Add(new ManifestModel($"{outcomes[m].Name}-fold{f}", recipeModel.Architecture, recipeModel.WidthMultiplier, f,
                    weights[m] / outcomes[m].Folds.Count,
                    Path.GetRelativePath(run, fold.BestWeights), Sha256.OfFile(fold.BestWeights),
                    onnx is null ? null : Path.GetRelativePath(run, onnx), onnx is null ? null : Sha256.OfFile(onnx),
                    fold.BestLwlrap));
            }
        }
        var manifest = new EnsembleManifest(EnsembleManifest.CurrentFormatVersion, recipe.Name, File.ReadAllText(Path.Combine(run, GitFile)).Trim(),
            fingerprint, classes.Names, Audio, recipe.Seed, EnsembleManifest.PerCropStandardization, recipe.ServingBlend, models);
        manifest.Save(Path.Combine(run, EnsembleManifest.FileName));
        return manifest;
    }
}
