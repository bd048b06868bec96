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
using Ensemble.Training.Tests.TestSupport;

namespace Ensemble.Training.Tests.Runs;

/// <summary>The whole pipeline on a tiny synthetic FAT2019-layout dataset (8 kHz tones, 16 mel bands, 16-frame crops).</summary>
[Collection(TorchCollection.Name)]
public sealed class TrainingPipelineTests
{
    private const int RateHz = 8000;
    private static readonly string[] Classes = ["High", "Low", "Mid"];
    private static readonly double[] FrequencyHz = [2500, 300, 1000];

    private static readonly AudioOptions Audio = new(
        decoding: new WavDecoderOptions(targetSampleRateHz: RateHz),
        logMel: new LogMelOptions(sampleRateHz: RateHz, fftLengthSamples: 256, hopLengthSamples: 64, melBands: 16, maxFrequencyHz: 4000),
        crop: new CropOptions(cropWidthFrames: 16, strengthMelBands: 8),
        validationTtaCrops: 2, testTtaCrops: 3);

    private static Recipe TinyRecipe(bool skipBadClips = false) => new(
        "tiny", 5, 2,
        new DataRecipe(["gain -h treble +20 bass +20"], [], skipBadClips),
        [new ModelRecipe("cnn", "customcnn", 0.125, 1, 2)],
        new OptimizerOptions(1e-3, 1e-5, 10, 4, 0),
        new AugmentationRecipe(1, 0.5, 0.5, 0.5, 0.5, 0.5),
        Audio, Recipe.OofBlend, exportOnnx: true, torchThreads: 1);

    private static void Wav(TempFolder dir, string relative, int label, int seed)
    {
        var random = new Random(seed);
        var samples = new float[RateHz / 2 + random.Next(RateHz / 2)];
        for (var i = 0; i < samples.Length; i++)
            samples[i] = (float)(0.3 * Math.Sin(2 * Math.PI * FrequencyHz[label] * i / RateHz) + 0.01 * (random.NextDouble() - 0.5));
        var path = Path.Combine(dir.Path, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        WavWriter.WritePcm16(path, new AudioClip(samples, RateHz, relative));
    }

    private static TempFolder Dataset()
    {
        var dir = new TempFolder();
        dir.File("sample_submission.csv", "fname,High,Low,Mid\n");
        var curated = "fname,labels\n";
        for (var i = 0; i < 12; i++)
        {
            Wav(dir, $"train_curated/c{i}.wav", i % 3, i);
            curated += $"c{i}.wav,{Classes[i % 3]}\n";
        }
        dir.File("train_curated.csv", curated);
        var noisy = "fname,labels\n";
        for (var i = 0; i < 6; i++)
        {
            Wav(dir, $"train_noisy/n{i}.wav", i % 3, 100 + i);
            noisy += $"n{i}.wav,{Classes[i % 3]}\n";
        }
        dir.File("train_noisy.csv", noisy);
        var test = "fname,labels\n";
        for (var i = 0; i < 6; i++)
        {
            Wav(dir, $"test/t{i}.wav", i % 3, 200 + i);
            test += $"t{i}.wav,{Classes[i % 3]}\n";
        }
        dir.File("test.csv", test);
        return dir;
    }

    private sealed class Silent : ITrainingProgress
    {
        public void StageStarted(string label, int epochs, int completedEpochs, int batchesPerEpoch) { }
        public void BatchCompleted(string label, int epoch, int batch, double meanLoss) { }
        public void EpochCompleted(string label, EpochMetrics metrics) { }
        public void StageFinished(string label) { }
        public void Message(string text) { }
    }

    [Fact]
    public void RunsEndToEndAndWritesEverythingServingNeeds()
    {
        using var data = Dataset();
        using var work = new TempFolder();
        var run = Path.Combine(work.Path, "run");
        var summary = new TrainingPipeline(TinyRecipe(), new TrainOptions(data.Path, run, Path.Combine(work.Path, "cache")), new Silent()).Run();

        foreach (var file in new[] { "recipe.json", "git-commit.txt", "data-fingerprint.txt", "folds.csv", "blend-weights.csv", "submission.csv", "summary.md",
                     "oof/cnn.csv", "oof/blend-oof.csv", "test/cnn.csv", "plots/cnn-loss.png", "plots/cnn-lwlrap.png", "plots/per-class-lwlrap.png",
                     "models/cnn/pretrain/best.weights", "models/cnn/fold-0/metrics.csv", "models/cnn/fold-1/best.onnx" })
            Assert.True(File.Exists(Path.Combine(run, file)), file);
        Assert.Equal(12, FoldAssignment.Load(Path.Combine(run, FoldAssignment.FileName), 2).FoldOf.Count);

        var manifest = EnsembleManifest.Load(Path.Combine(run, EnsembleManifest.FileName));
        Assert.Equal(Classes, manifest.Classes);
        Assert.Equal(2, manifest.Models.Count);
        Assert.Equal(1.0, manifest.Models.Sum(m => m.Weight), 9);
        Assert.Equal(Audio.StableHash(), manifest.Audio.StableHash());
        Assert.All(manifest.Models, m => Assert.NotNull(m.Onnx));
        Assert.NotNull(summary.Test);
        Assert.InRange(summary.Test!.OofBlend, 0, 1);

        // predict: the manifest alone reproduces the run's test predictions.
        var names = Directory.GetFiles(Path.Combine(data.Path, "test"), "*.wav").Order(StringComparer.Ordinal).ToArray();
        var extractor = new LogMelExtractor(manifest.Audio.LogMel);
        var clips = names.Select(n => extractor.Compute(WavDecoder.Decode(n, manifest.Audio.Decoding))).ToArray();
        var scores = EnsemblePredictor.Predict(run, manifest, names.Select(Path.GetFileName).ToArray()!, clips);
        var (_, written) = Ensemble.Training.Submissions.SubmissionCsv.Read(Path.Combine(run, "submission.csv"));
        Assert.Equal(written["t0.wav"][0], scores[0], 4);

        // A second run of the same command finds everything done.
        var again = new TrainingPipeline(TinyRecipe(), new TrainOptions(data.Path, run, Path.Combine(work.Path, "cache")), new Silent()).Run(
            (label, _) => Assert.Fail($"{label} retrained"));
        Assert.Equal(summary.Blend.OptimizedOofLwlrap, again.Blend.OptimizedOofLwlrap, 9);
    }

    [Fact]
    public void EachModelTrainsWithItsOwnThreadCountAndTheRecipesIsRestored()
    {
        using var data = Dataset();
        using var work = new TempFolder();
        var tiny = TinyRecipe();
        var recipe = new Recipe(tiny.Name, tiny.Seed, tiny.Folds, tiny.Data,
            [new ModelRecipe("one", "customcnn", 0.125, 0, 1), new ModelRecipe("two", "customcnn", 0.125, 0, 1, torchThreads: 2)],
            tiny.Optimizer, tiny.Augmentation, tiny.Audio, tiny.ServingBlend, exportOnnx: false, torchThreads: 1);
        var threads = new List<(string Label, int Threads)>();
        new TrainingPipeline(recipe, new TrainOptions(data.Path, Path.Combine(work.Path, "run"), Path.Combine(work.Path, "cache")), new Silent())
            .Run((label, _) => threads.Add((label, TorchSharp.torch.get_num_threads())));
        Assert.All(threads, t => Assert.Equal(t.Label.StartsWith("two", StringComparison.Ordinal) ? 2 : 1, t.Threads));
        Assert.Contains(threads, t => t.Threads == 2);
        Assert.Equal(1, TorchSharp.torch.get_num_threads());
    }

    [Fact]
    public void DataIssuesStopTheRunTogetherUnlessSkipped()
    {
        using var data = Dataset();
        data.File("train_curated.csv", File.ReadAllText(Path.Combine(data.Path, "train_curated.csv")) + "gone.wav,High\nc0b.wav,Meow\nbad.wav,Low\n");
        data.File("train_curated/c0b.wav", "x");
        data.File("train_curated/bad.wav", "RIFF....not a wave file");
        using var work = new TempFolder();
        var run = Path.Combine(work.Path, "run");
        var e = Assert.Throws<DatasetIssuesException>(() =>
            new TrainingPipeline(TinyRecipe(), new TrainOptions(data.Path, run, Path.Combine(work.Path, "cache")), new Silent()).Run());
        Assert.Equal(3, e.Issues.Count);
        Assert.Contains(e.Issues, i => i.Line == 14 && i.Reason == "audio file missing");
        Assert.Contains(e.Issues, i => i.Line == 15 && i.Reason.Contains("Meow", StringComparison.Ordinal));
        Assert.Contains(e.Issues, i => i.Line == 16 && i.Reason.StartsWith("unreadable audio", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(run, IssueReport.FileName)));
        Assert.False(Directory.Exists(Path.Combine(run, "models")));
    }
}
