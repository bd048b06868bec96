using Ensemble.Audio;
using Ensemble.Audio.Crops;
using Ensemble.Audio.Decoding;
using Ensemble.Audio.Encoding;
using Ensemble.Audio.Features;
using Ensemble.Training.Data;
using Ensemble.Training.Folds;
using Ensemble.Training.Manifest;
using Ensemble.Training.Recipes;
using Ensemble.Training.Runs;
using Ensemble.Training.Shifts;
using Ensemble.Training.Tests.TestSupport;
using Ensemble.Settings;

namespace Ensemble.Training.Tests.Runs;

/// <summary>The whole pipeline on <see cref="TinyData"/>.</summary>
[Collection(TorchCollection.Name)]
public sealed class TrainingPipelineTests
{
    [Fact]
    public void RunsEndToEndAndWritesEverythingServingNeeds()
    {
        using var data = TinyData.Dataset();
        using var work = new TempFolder();
        var run = Path.Combine(work.Path, "run");
        var summary = TinyData.Pipeline(TinyData.Recipe(), new TrainOptions(data.Path, run, Path.Combine(work.Path, "cache"))).Run();

        foreach (var file in new[] { "recipe.json", "git-commit.txt", "data-fingerprint.txt", "folds.csv", "blend-weights.csv", "submission.csv", "summary.md",
                     "oof/cnn.csv", "oof/blend-optimized.csv", "oof/blend-guarded.csv", "test/cnn.csv", "test/blend-guarded.csv", "plots/cnn-loss.png", "plots/cnn-lwlrap.png", "plots/per-class-lwlrap.png",
                     "models/cnn/pretrain/best.weights", "models/cnn/fold-0/metrics.csv", "models/cnn/fold-1/best.onnx" })
            Assert.True(File.Exists(Path.Combine(run, file)), file);
        Assert.Equal(12, FoldAssignment.Load(Path.Combine(run, FoldAssignment.FileName), 2).FoldOf.Count);

        var manifest = EnsembleManifest.Load(Path.Combine(run, EnsembleManifest.FileName));
        Assert.Equal(TinyData.Classes, manifest.Classes);
        Assert.Equal(2, manifest.Models.Count);
        Assert.Equal(1.0, manifest.Models.Sum(m => m.Weight), 9);
        Assert.Equal(TinyData.Audio.StableHash(), manifest.Audio.StableHash());
        Assert.All(manifest.Models, m => Assert.NotNull(m.Onnx));
        Assert.NotNull(summary.Test);
        Assert.InRange(summary.Test!.OptimizedBlend, 0, 1);
        Assert.InRange(summary.Test.GuardedBlend, 0, 1);
        Assert.Contains("| blend, guarded (shrinkage 0) (served) |", File.ReadAllText(Path.Combine(run, "summary.md")));

        // predict: the manifest alone reproduces the run's test predictions.
        var names = Directory.GetFiles(Path.Combine(data.Path, "test"), "*.wav").Order(StringComparer.Ordinal).ToArray();
        var extractor = new LogMelExtractor(manifest.Audio.LogMel);
        var clips = names.Select(n => extractor.Compute(WavDecoder.Decode(n, manifest.Audio.Decoding))).ToArray();
        var scores = EnsemblePredictor.Predict(run, manifest, names.Select(Path.GetFileName).ToArray()!, clips);
        var (_, written) = Ensemble.Training.Submissions.SubmissionCsv.Read(Path.Combine(run, "submission.csv"));
        Assert.Equal(written["t0.wav"][0], scores[0], 4);

        // A second run of the same command finds everything done.
        var again = TinyData.Pipeline(TinyData.Recipe(), new TrainOptions(data.Path, run, Path.Combine(work.Path, "cache"))).Run(
            (label, _) => Assert.Fail($"{label} retrained"));
        Assert.Equal(summary.Blend.OptimizedOofLwlrap, again.Blend.OptimizedOofLwlrap, 9);
    }

    [Fact]
    public void EachModelTrainsWithItsOwnThreadCountAndTheRecipesIsRestored()
    {
        using var data = TinyData.Dataset();
        using var work = new TempFolder();
        var tiny = TinyData.Recipe();
        var recipe = new Recipe(tiny.Name, tiny.Seed, tiny.Folds, tiny.Data,
            [new ModelRecipe("one", "customcnn", 0.125, 0, 1), new ModelRecipe("two", "customcnn", 0.125, 0, 1, torchThreads: 2, seedOffset: 1)],
            tiny.Optimizer, tiny.Augmentation, tiny.Audio, tiny.ServingBlend, torchThreads: 1);
        var threads = new List<(string Label, int Threads)>();
        TinyData.Pipeline(recipe, new TrainOptions(data.Path, Path.Combine(work.Path, "run"), Path.Combine(work.Path, "cache")))
            .Run((label, _) => threads.Add((label, TorchSharp.torch.get_num_threads())));
        Assert.All(threads, t => Assert.Equal(t.Label.StartsWith("two", StringComparison.Ordinal) ? 2 : 1, t.Threads));
        Assert.Contains(threads, t => t.Threads == 2);
        Assert.Equal(1, TorchSharp.torch.get_num_threads());
    }

    [Fact]
    public void DataIssuesStopTheRunTogetherUnlessSkipped()
    {
        using var data = TinyData.Dataset();
        data.File("train_curated.csv", File.ReadAllText(Path.Combine(data.Path, "train_curated.csv")) + "gone.wav,High\nc0b.wav,Meow\nbad.wav,Low\n");
        data.File("train_curated/c0b.wav", "x");
        data.File("train_curated/bad.wav", "RIFF....not a wave file");
        using var work = new TempFolder();
        var run = Path.Combine(work.Path, "run");
        var e = Assert.Throws<DatasetIssuesException>(() =>
            TinyData.Pipeline(TinyData.Recipe(), new TrainOptions(data.Path, run, Path.Combine(work.Path, "cache"))).Run());
        Assert.Equal(3, e.Issues.Count);
        Assert.Contains(e.Issues, i => i.Line == 14 && i.Reason == "audio file missing");
        Assert.Contains(e.Issues, i => i.Line == 15 && i.Reason.Contains("Meow", StringComparison.Ordinal));
        Assert.Contains(e.Issues, i => i.Line == 16 && i.Reason.StartsWith("unreadable audio", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(run, IssueReport.FileName)));
        Assert.False(Directory.Exists(Path.Combine(run, "models")));
    }

    [Fact]
    public void ShiftedEvaluationScoresThePlainClipsAsPredictAndEveryCondition()
    {
        using var data = TinyData.Dataset();
        using var work = new TempFolder();
        var run = Path.Combine(work.Path, "run");
        TinyData.Pipeline(TinyData.Recipe(), new TrainOptions(data.Path, run, Path.Combine(work.Path, "cache"))).Run();
        var manifest = EnsembleManifest.Load(Path.Combine(run, EnsembleManifest.FileName));
        var testAudio = Path.Combine(data.Path, "test");
        var truthCsv = Path.Combine(data.Path, "test.csv");
        var set = Path.Combine(work.Path, "shifted");
        ShiftedSetWriter.Write(testAudio, truthCsv, set, seed: 4, parallelism: 2);

        var report = ShiftedEvaluator.Evaluate(run, manifest, ShiftedEvaluator.Folders(testAudio, truthCsv, set));

        Assert.Equal(["cnn"], report.Models);
        Assert.Equal(17, report.Rows.Count);
        Assert.Equal("plain", report.Plain.Condition);
        // The plain row is what `predict` + `eval --pred` give.
        var labeled = LabelCsvReader.Read(truthCsv, testAudio, new ClassList(TinyData.Classes), new List<DatasetIssue>());
        var extractor = new LogMelExtractor(manifest.Audio.LogMel);
        var clips = labeled.Select(c => extractor.Compute(WavDecoder.Decode(Path.Combine(testAudio, c.FileName), manifest.Audio.Decoding))).ToArray();
        var scores = EnsemblePredictor.Predict(run, manifest, labeled.Select(c => c.FileName).ToArray(), clips);
        var expected = Ensemble.Training.Metrics.Lwlrap.Compute(labeled.SelectMany(c => c.TruthRow(TinyData.Classes.Length)).ToArray(), scores, TinyData.Classes.Length).Overall;
        Assert.Equal(expected, report.Plain.BlendLwlrap, 5);
        // One model: its own score is the blend's, on every row.
        Assert.All(report.Rows, r => Assert.Equal(r.BlendLwlrap, r.ModelLwlrap[0], 5));
        Assert.Equal(report.Shifted.Average(r => r.BlendLwlrap), report.ShiftedMean!.BlendLwlrap, 12);
        var table = report.ToMarkdown();
        Assert.Contains("| noise-pink-5db |", table);
        Assert.Contains("| mean of 16 shifted |", table);
    }
}
