using Ensemble.Settings;
using System.Globalization;
using Ensemble.Audio;
using Ensemble.Audio.Files;
using Ensemble.Models;
using Ensemble.Models.Checkpoints;
using Ensemble.Models.Inference;
using Ensemble.Models.Onnx;
using Ensemble.Training.Blending;
using Ensemble.Training.Data;
using Ensemble.Training.Features;
using Ensemble.Training.Manifest;
using Ensemble.Training.Metrics;
using Ensemble.Training.Recipes;
using Ensemble.Training.Submissions;

namespace Ensemble.Training.Runs;

/// <summary>
/// The last step of a run, once every stage has finished (in this process or others): per model the OOF predictions
/// from its folds' best epochs, the blend weights, test predictions (each architecture averages its folds), ONNX
/// exports, plots, the ensemble.json manifest and summary.md. Reads the stages' results from the run folder.
/// </summary>
public sealed class RunAssembly(TrainingRun training, TrainingHost host, ITrainingProgress progress)
{
    public const string SummaryFile = "summary.md";

    private Recipe recipe => training.Recipe;

    private AudioOptions Audio => training.Audio;

    public RunSummary Assemble(CancellationToken cancellation = default)
    {
        host.UseThreadsFor(recipe);
        var run = training.Directory;
        var classes = training.Classes;
        var curatedClips = training.CuratedClips.ToArray();
        var outcomes = recipe.Models.Select(m => ReadOutcome(m, classes, curatedClips)).ToList();

        // Blend on OOF predictions (curated clips in a fixed order).
        var truth = curatedClips.SelectMany(c => c.TruthRow(classes.Count)).ToArray();
        var oofPredictions = outcomes.Select(o => o.OofPredictions).ToArray();
        var blend = BlendOptimizer.Optimize(oofPredictions, truth, classes.Count);
        var guarded = BlendGuard.Choose(oofPredictions, truth, classes.Count, curatedClips.Select(c => training.Folds.FoldOf[c.FileName]).ToArray(), blend);
        progress.Message(BlendReport(blend, guarded));
        var servingWeights = ServingWeights(blend, guarded);
        WriteOof(run, curatedClips, classes, outcomes, blend, guarded);

        // Test predictions: each architecture averages its folds; blends as above.
        var testResults = PredictTest(outcomes, classes, training.TestNames.ToArray(), training.TestFeatures.ToArray(), blend, guarded, training.Data, run, cancellation);

        var manifest = WriteManifest(run, outcomes, servingWeights, classes, training.Prepared.DataFingerprint, cancellation);
        RunPlots.Write(run, outcomes, classes, WeightedBlend.Apply(outcomes.Select(o => o.OofPredictions).ToArray(), servingWeights), truth);
        var summary = new RunSummary(outcomes.Select(o => (o.Name, o.OofLwlrap)).ToArray(), blend, guarded, recipe.ServingBlend, testResults, manifest);
        File.WriteAllText(Path.Combine(run, SummaryFile), summary.ToMarkdown());
        return summary;
    }

    private double[] ServingWeights(BlendResult blend, GuardedBlend guarded) => recipe.ServingBlend switch
    {
        Recipe.OptimizedBlend => blend.OptimizedWeights,
        Recipe.GuardedBlend => guarded.Weights,
        _ => blend.EqualWeights,
    };

    private static string BlendReport(BlendResult blend, GuardedBlend guarded) => string.Create(CultureInfo.InvariantCulture,
        $"blend OOF lwlrap: equal {blend.EqualOofLwlrap:F4}, optimized {blend.OptimizedOofLwlrap:F4}, guarded {guarded.OofLwlrap:F4} (shrinkage {guarded.Shrinkage:0.##}); " +
        $"fold-held-out: {string.Join(", ", guarded.Candidates.Select(c => $"{c.Shrinkage:0.##} {c.HeldOutLwlrap:F4}"))}");

    /// <summary>A model's folds read from the run folder, their best epochs' validation predictions placed into one OOF matrix.</summary>
    private ModelOutcome ReadOutcome(ModelRecipe model, ClassList classes, LabeledClip[] curatedClips)
    {
        var indexOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < curatedClips.Length; i++)
            indexOf[curatedClips[i].FileName] = i;
        var oof = new float[curatedClips.Length * classes.Count];
        var results = new List<StageResult>();
        for (var fold = 0; fold < recipe.Folds; fold++)
        {
            var directory = training.StageDirectory(StageKey.FineTuning(model.Name, fold));
            var validationClips = training.ValidationClips(fold);
            var result = StageTrainer.ReadFinished(directory, model.CuratedEpochs);
            if (result.BestValidationPredictions.Length != validationClips.Count * classes.Count)
                throw new RunFolderException(directory, RunFolderProblem.StageIncomplete, $"{StageTrainer.BestPredictionsFile} holds {result.BestValidationPredictions.Length} values, expected {validationClips.Count * classes.Count}; delete the folder to retrain the fold");
            for (var v = 0; v < validationClips.Count; v++)
                Array.Copy(result.BestValidationPredictions, v * classes.Count, oof, indexOf[validationClips[v].FileName] * classes.Count, classes.Count);
            results.Add(result);
        }
        var truth = curatedClips.SelectMany(c => c.TruthRow(classes.Count)).ToArray();
        var lwlrap = Lwlrap.Compute(truth, oof, classes.Count);
        progress.Message($"{model.Name}: OOF lwlrap {lwlrap.Overall:F4}");
        return new ModelOutcome(model.Name, results, oof, lwlrap.Overall);
    }

    private static void WriteOof(string run, LabeledClip[] clips, ClassList classes, List<ModelOutcome> outcomes, BlendResult blend, GuardedBlend guarded)
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
        var guardedScores = WeightedBlend.Apply(outcomes.Select(o => o.OofPredictions).ToArray(), guarded.Weights);
        foreach (var (name, scores) in new[] { ("equal", equal), ("optimized", optimized), ("guarded", guardedScores) })
        {
            SubmissionCsv.Write(Path.Combine(folder, $"blend-{name}.csv"), names, classes, scores);
            PerClassReport.WriteCsv(Path.Combine(folder, $"blend-{name}-per-class.csv"), classes, Lwlrap.Compute(truth, scores, classes.Count));
        }
        // The blends' OOF and held-out lwlrap are in summary.md (and the training log); this file stays plain CSV.
        string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        Csv.Write(Path.Combine(run, "blend-weights.csv"), ["model", "weight_equal", "weight_optimized", "weight_guarded"], outcomes.Select((o, m) => (IReadOnlyList<string>)
            [o.Name, R(blend.EqualWeights[m]), R(blend.OptimizedWeights[m]), R(guarded.Weights[m])]));
    }

    private TestResults? PredictTest(List<ModelOutcome> outcomes, ClassList classes, string[] names, ILogMelSource[] features,
        BlendResult blend, GuardedBlend guarded, FatDataset data, string run, CancellationToken cancellation)
    {
        if (features.Length == 0)
            return null;
        var folder = Path.Combine(run, "test");
        Directory.CreateDirectory(folder);
        var perModel = new List<float[]>();
        var scorer = ClipScorer.ForTest(Audio);
        var runnerOptions = new TorchModelRunnerOptions(Audio);
        foreach (var outcome in outcomes)
        {
            host.UseThreadsFor(recipe, recipe.Models.Single(m => m.Name == outcome.Name));
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
        host.UseThreadsFor(recipe);
        var equal = WeightedBlend.Apply(perModel, blend.EqualWeights);
        var optimized = WeightedBlend.Apply(perModel, blend.OptimizedWeights);
        var guardedScores = WeightedBlend.Apply(perModel, guarded.Weights);
        SubmissionCsv.Write(Path.Combine(folder, "blend-equal.csv"), names, classes, equal);
        SubmissionCsv.Write(Path.Combine(folder, "blend-optimized.csv"), names, classes, optimized);
        SubmissionCsv.Write(Path.Combine(folder, "blend-guarded.csv"), names, classes, guardedScores);
        SubmissionCsv.Write(Path.Combine(run, "submission.csv"), names, classes, WeightedBlend.Apply(perModel, ServingWeights(blend, guarded)));
        if (data.TestLabeled is null)
            return new TestResults([], double.NaN, double.NaN, double.NaN);
        var row = names.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i, StringComparer.Ordinal);
        var labeled = data.TestLabeled.Where(t => row.ContainsKey(t.FileName)).ToArray();
        var truth = labeled.SelectMany(t => t.TruthRow(classes.Count)).ToArray();
        double Score(float[] scores) => Lwlrap.Compute(truth, labeled.SelectMany(t => scores.AsSpan(row[t.FileName] * classes.Count, classes.Count).ToArray()).ToArray(), classes.Count).Overall;
        return new TestResults(outcomes.Select((o, m) => (o.Name, Score(perModel[m]))).ToArray(), Score(equal), Score(optimized), Score(guardedScores));
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
                // Both files of every model: serving runs ONNX Runtime on CPU devices and TorchSharp on CUDA.
                var onnx = Path.Combine(Path.GetDirectoryName(fold.BestWeights)!, "best.onnx");
                using (var loaded = Checkpoint.Load(fold.BestWeights))
                {
                    loaded.Model.eval();
                    OnnxExporter.ExportToFile(loaded.Model, onnx, OnnxExportOptions.ForSettings(Audio, classes.Names, training.RunId));
                }
                models.Add(new ManifestModel(ManifestModel.EntryName(outcomes[m].Name, f), recipeModel.Architecture, recipeModel.WidthMultiplier, f,
                    weights[m] / outcomes[m].Folds.Count,
                    Path.GetRelativePath(run, fold.BestWeights), Sha256.OfFile(fold.BestWeights),
                    Path.GetRelativePath(run, onnx), Sha256.OfFile(onnx),
                    fold.BestLwlrap));
            }
        }
        var manifest = new EnsembleManifest(EnsembleManifest.CurrentFormatVersion, recipe.Name, File.ReadAllText(Path.Combine(run, TrainingRun.GitFile)).Trim(),
            fingerprint, classes.Names, Audio, recipe.ServingBlend, models);
        manifest.Save(Path.Combine(run, EnsembleManifest.FileName));
        return manifest;
    }
}
