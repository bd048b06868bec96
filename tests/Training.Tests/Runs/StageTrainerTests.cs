using Ensemble.Models;
using Ensemble.Audio;
using Ensemble.Audio.Crops;
using Ensemble.Audio.Features;
using Ensemble.Training.Features;
using Ensemble.Training.Recipes;
using Ensemble.Training.Runs;
using Ensemble.Training.Tests.TestSupport;
using Ensemble.Settings;

namespace Ensemble.Training.Tests.Runs;

[Collection(TorchCollection.Name)]
public sealed class StageTrainerTests
{
    private const int Mels = 16;
    private const int Classes = 3;

    /// <summary>Tiny separable data: class c puts energy in mel band group c.</summary>
    private static List<TrainingItem> Items(int count, int seed)
    {
        var random = new Random(seed);
        var items = new List<TrainingItem>();
        for (var i = 0; i < count; i++)
        {
            var label = i % Classes;
            var frames = 20 + random.Next(20);
            var values = new float[Mels * frames];
            for (var m = 0; m < Mels; m++)
                for (var t = 0; t < frames; t++)
                    values[m * frames + t] = (float)(random.NextDouble() * 5 - 60 + (m / 5 == label ? 40 : 0));
            var targets = new float[Classes];
            targets[label] = 1;
            items.Add(new TrainingItem($"{i}.wav", new LogMel(values, Mels, frames), targets));
        }
        return items;
    }

    private static StageRequest Request(string directory, int epochs) => new(
        "test stage", directory, new ModelSpec(ModelSpec.CustomCnn, 0.125, Classes), RandomResizedCrop: false,
        Items(8, 1), Items(3, 2), epochs, Seed: 7, Audio,
        new OptimizerOptions(1e-3, 1e-5, 10, 4, 0), new AugmentationRecipe(1, 0.5, 0.5, 0.5, 0.5, 0), InitialWeights: null,
        ["a", "b", "c"], "test-run");

    /// <summary>16 mel bands, 16-frame crops, 2 validation crops: small enough for a unit test.</summary>
    private static readonly AudioOptions Audio = new(
        logMel: new LogMelOptions(melBands: Mels), crop: new CropOptions(cropWidthFrames: 16, strengthMelBands: 8), validationTtaCrops: 2);

    private sealed class Silent : ITrainingProgress
    {
        public void StageStarted(string label, int epochs, int completedEpochs, int batchesPerEpoch) { }
        public void BatchCompleted(string label, int epoch, int batch, double meanLoss) { }
        public void EpochCompleted(string label, EpochMetrics metrics) { }
        public void StageFinished(string label) { }
        public void Message(string text) { }
    }

    [Fact]
    public void KilledStageResumesFromTheLastFinishedEpochAndMatchesAnUninterruptedRun()
    {
        using var dir = new TempFolder();
        var straight = new StageTrainer(new Silent(), "cpu").Run(Request(Path.Combine(dir.Path, "straight"), 3), CancellationToken.None);

        var resumedDir = Path.Combine(dir.Path, "resumed");
        using (var stop = new CancellationTokenSource())
        {
            // Cancel once epoch 2 is saved: the stage stops before epoch 3, as a kill between epochs would.
            Assert.Throws<OperationCanceledException>(() => new StageTrainer(new Silent(), "cpu")
                .Run(Request(resumedDir, 3), stop.Token, m => { if (m.Epoch == 2) stop.Cancel(); }));
        }
        Assert.Equal(2, StageState.Load(resumedDir).CompletedEpochs);
        Assert.True(File.Exists(Path.Combine(resumedDir, StageTrainer.WeightsFile(2))));
        Assert.False(File.Exists(Path.Combine(resumedDir, StageTrainer.WeightsFile(1))));

        var ran = new List<int>();
        var resumed = new StageTrainer(new Silent(), "cpu").Run(Request(resumedDir, 3), CancellationToken.None, m => ran.Add(m.Epoch));
        Assert.Equal([3], ran);
        Assert.Equal([1, 2, 3], resumed.History.Select(h => h.Epoch));
        for (var e = 0; e < 3; e++)
        {
            Assert.True(Math.Abs(straight.History[e].TrainLoss - resumed.History[e].TrainLoss) < 1e-4,
                $"epoch {e + 1}: loss {straight.History[e].TrainLoss} uninterrupted vs {resumed.History[e].TrainLoss} resumed");
            Assert.Equal(straight.History[e].ValidationLwlrap, resumed.History[e].ValidationLwlrap, 4);
        }
        Assert.Equal(4, File.ReadAllLines(Path.Combine(resumedDir, StageTrainer.MetricsFile)).Length);
    }

    [Fact]
    public void ResumingFromAnUnreadableOptimizerStateIsRefusedNamingTheStageAndTheFile()
    {
        using var dir = new TempFolder();
        _ = new StageTrainer(new Silent(), "cpu").Run(Request(dir.Path, 1), CancellationToken.None);
        var state = Path.Combine(dir.Path, StageTrainer.OptimizerFile(1));
        File.WriteAllBytes(state, [1, 2, 3]);

        var error = Assert.Throws<RunFolderException>(() => new StageTrainer(new Silent(), "cpu").Run(Request(dir.Path, 2), CancellationToken.None));
        Assert.Equal(RunFolderProblem.StageIncomplete, error.Problem);
        Assert.Contains(state, error.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidDataException>(error.InnerException);
        Assert.Equal(1, StageState.Load(dir.Path).CompletedEpochs);
    }

    [Fact]
    public void FinishedStageIsNotRetrainedAndKeepsItsBestCheckpoint()
    {
        using var dir = new TempFolder();
        var first = new StageTrainer(new Silent(), "cpu").Run(Request(dir.Path, 1), CancellationToken.None);
        var ran = 0;
        var again = new StageTrainer(new Silent(), "cpu").Run(Request(dir.Path, 1), CancellationToken.None, _ => ran++);
        Assert.Equal(0, ran);
        Assert.Equal(first.BestEpoch, again.BestEpoch);
        Assert.Equal(3 * Classes, again.BestValidationPredictions.Length);
        Assert.True(File.Exists(again.BestWeights));
    }
}
