using Ensemble.Training.Folds;
using Ensemble.Training.Recipes;
using Ensemble.Training.Runs;
using Ensemble.Training.Tests.TestSupport;

namespace Ensemble.Training.Tests.Runs;

/// <summary>
/// The run as separate stages: one "process" prepares, fresh hosts (no shared objects, requests through JSON) run the
/// stages, another assembles; and the same seed gives the same run twice.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class TrainingStagesTests
{
    private static TrainOptions Options(TempFolder data, TempFolder work, string run) =>
        new(data.Path, Path.Combine(work.Path, run), Path.Combine(work.Path, "cache"));

    private static Dictionary<string, byte[]> Weights(string run) =>
        Directory.GetFiles(Path.Combine(run, "models"), "best.weights", SearchOption.AllDirectories)
            .ToDictionary(p => Path.GetRelativePath(run, p), File.ReadAllBytes);

    [Fact]
    public void StagesRunInFreshHostsFromAPreparedFolderAndAssembleToTheOneProcessRun()
    {
        using var data = TinyData.Dataset();
        using var work = new TempFolder();
        var recipe = TinyData.Recipe();
        var oneProcess = TinyData.Pipeline(recipe, Options(data, work, "whole")).Run();

        var prepared = TrainingRun.Prepare(recipe, Options(data, work, "staged"), new TinyData.Silent());
        Assert.Equal(["cnn noisy pretraining", "cnn fold 1", "cnn fold 2"], prepared.Stages.Select(s => s.ToString()));
        var requests = prepared.Stages.Select(s => prepared.BuildRequest(s).ToJson()).ToArray();
        foreach (var json in requests)
        {
            var request = TrainingStageRequest.FromJson(json);
            var progress = new TinyData.Silent();
            var result = new TrainingHost(new TrainingHostOptions(), progress).RunStage(request);
            Assert.True(File.Exists(result.BestWeights));
        }
        var assemblyProgress = new TinyData.Silent();
        var host = new TrainingHost(new TrainingHostOptions(), assemblyProgress);
        var staged = new RunAssembly(TrainingRun.Open(prepared.Directory, assemblyProgress), host, assemblyProgress).Assemble();

        Assert.Equal(oneProcess.Blend.OptimizedOofLwlrap, staged.Blend.OptimizedOofLwlrap);
        Assert.Equal(oneProcess.Manifest.Models.Select(m => m.CheckpointSha256), staged.Manifest.Models.Select(m => m.CheckpointSha256));
        Assert.True(File.Exists(Path.Combine(prepared.Directory, "submission.csv")));
    }

    [Fact]
    public void TheSameSeedGivesTheSameRunTwice_WhateverLibtorchsDefaultGeneratorDid()
    {
        using var data = TinyData.Dataset();
        using var work = new TempFolder();
        var first = TinyData.Pipeline(TinyData.Recipe(), Options(data, work, "first")).Run();
        // Draws from (and reseeds) the default generator: a run must not depend on it.
        TorchSharp.torch.manual_seed(12345);
        using (TorchSharp.torch.rand(1000)) { }
        var second = TinyData.Pipeline(TinyData.Recipe(), Options(data, work, "second")).Run();

        var a = Weights(Path.Combine(work.Path, "first"));
        var b = Weights(Path.Combine(work.Path, "second"));
        Assert.Equal(3, a.Count);
        Assert.Equal(a.Keys.Order(), b.Keys.Order());
        Assert.All(a, p => Assert.True(p.Value.AsSpan().SequenceEqual(b[p.Key]), $"{p.Key} differs"));
        Assert.Equal(File.ReadAllText(Path.Combine(work.Path, "first", "oof", "cnn.csv")), File.ReadAllText(Path.Combine(work.Path, "second", "oof", "cnn.csv")));
        Assert.Equal(first.Blend.OptimizedOofLwlrap, second.Blend.OptimizedOofLwlrap);
    }

    [Fact]
    public void FineTuningBeforeItsPretrainingIsRefused()
    {
        using var data = TinyData.Dataset();
        using var work = new TempFolder();
        var prepared = TrainingRun.Prepare(TinyData.Recipe(), Options(data, work, "run"), new TinyData.Silent());
        var host = new TrainingHost(new TrainingHostOptions(), new TinyData.Silent());
        var e = Assert.Throws<RunFolderException>(() => host.RunStage(prepared.BuildRequest(StageKey.FineTuning("cnn", 0))));
        Assert.Equal(RunFolderProblem.PrerequisiteMissing, e.Problem);
        Assert.Equal(RunFolderProblem.UnknownStage,
            Assert.Throws<RunFolderException>(() => prepared.BuildRequest(StageKey.FineTuning("cnn", 2))).Problem);
    }

    [Fact]
    public void OpenRefusesAFolderNeverPreparedOrWhoseFoldsWereChanged()
    {
        using var data = TinyData.Dataset();
        using var work = new TempFolder();
        Assert.Equal(RunFolderProblem.NotPrepared,
            Assert.Throws<RunFolderException>(() => TrainingRun.Open(Path.Combine(work.Path, "none"), new TinyData.Silent())).Problem);

        var prepared = TrainingRun.Prepare(TinyData.Recipe(), Options(data, work, "run"), new TinyData.Silent());
        var folds = Path.Combine(prepared.Directory, FoldAssignment.FileName);
        var lines = File.ReadAllLines(folds);
        var swapped = lines.Take(1).Concat(lines.Skip(1).Select(l => l[..^1] + (l[^1] == '0' ? '1' : '0')));
        File.WriteAllLines(folds, swapped);
        var e = Assert.Throws<RunFolderException>(() => TrainingRun.Open(prepared.Directory, new TinyData.Silent()));
        Assert.Equal(RunFolderProblem.FoldsDiffer, e.Problem);
        Assert.Contains(FoldAssignment.FileName, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PreparingAgainNeedsTheSameRecipe_ThreadCountsAside()
    {
        using var data = TinyData.Dataset();
        using var work = new TempFolder();
        var tiny = TinyData.Recipe();
        TrainingRun.Prepare(tiny, Options(data, work, "run"), new TinyData.Silent());
        var otherThreads = new Recipe(tiny.Name, tiny.Seed, tiny.Folds, tiny.Data,
            [new ModelRecipe("cnn", "customcnn", 0.125, 1, 2, torchThreads: 2)], tiny.Optimizer, tiny.Augmentation, tiny.Audio,
            tiny.ServingBlend, torchThreads: 2);
        Assert.Equal(tiny.Folds, TrainingRun.Prepare(otherThreads, Options(data, work, "run"), new TinyData.Silent()).Folds.FoldCount);

        var otherSeed = new Recipe(tiny.Name, tiny.Seed + 1, tiny.Folds, tiny.Data, tiny.Models, tiny.Optimizer, tiny.Augmentation, tiny.Audio,
            tiny.ServingBlend, tiny.TorchThreads);
        var before = FolderBytes(Path.Combine(work.Path, "run"));
        var e = Assert.Throws<RunFolderException>(() => TrainingRun.Prepare(otherSeed, Options(data, work, "run"), new TinyData.Silent()));
        Assert.Equal(RunFolderProblem.RecipeDiffers, e.Problem);
        Assert.Equal(before, FolderBytes(Path.Combine(work.Path, "run")));
    }

    [Fact]
    public void PreparingAgainOnOtherDataIsRefusedAndTouchesNothing()
    {
        using var data = TinyData.Dataset();
        using var other = TinyData.Dataset();
        using var work = new TempFolder();
        TrainingRun.Prepare(TinyData.Recipe(), Options(data, work, "run"), new TinyData.Silent());
        // The other copy lacks one curated clip: another data set with the same layout.
        File.WriteAllLines(Path.Combine(other.Path, "train_curated.csv"), File.ReadAllLines(Path.Combine(other.Path, "train_curated.csv"))[..^1]);
        var before = FolderBytes(Path.Combine(work.Path, "run"));

        var e = Assert.Throws<RunFolderException>(() => TrainingRun.Prepare(TinyData.Recipe(), Options(other, work, "run"), new TinyData.Silent()));

        Assert.Equal(RunFolderProblem.DataChanged, e.Problem);
        Assert.Contains(data.Path, e.Message, StringComparison.Ordinal);
        Assert.Contains(other.Path, e.Message, StringComparison.Ordinal);
        Assert.Equal(before, FolderBytes(Path.Combine(work.Path, "run")));
    }

    private static Dictionary<string, string> FolderBytes(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(p => Path.GetRelativePath(folder, p), p => Convert.ToHexString(File.ReadAllBytes(p)) + File.GetLastWriteTimeUtc(p).Ticks);

    [Fact]
    public void AModelsSeedOffsetMovesEveryDrawOfItsStagesButNotTheFolds()
    {
        using var data = TinyData.Dataset();
        using var work = new TempFolder();
        var tiny = TinyData.Recipe();
        var recipe = new Recipe(tiny.Name, tiny.Seed, tiny.Folds, tiny.Data,
            [tiny.Models[0], new ModelRecipe("cnn-b", "customcnn", 0.125, 0, 2, seedOffset: 7)], tiny.Optimizer, tiny.Augmentation,
            tiny.Audio, tiny.ServingBlend, tiny.TorchThreads);
        var run = TrainingRun.Prepare(recipe, Options(data, work, "run"), new TinyData.Silent());
        int SeedOf(StageKey stage) => run.CreateStageRequest(stage).Seed;
        // cnn-b has no pretraining, so its fold stages need no finished stage to build their requests.
        Assert.Equal(tiny.Seed * 31 + 1, SeedOf(StageKey.Pretraining("cnn")));
        Assert.Equal((tiny.Seed + 7) * 31 + 3, SeedOf(run.Stages.Single(s => s.Model == "cnn-b" && s.Fold == 1)));
        var unshifted = TrainingRun.Prepare(tiny, Options(data, work, "unshifted"), new TinyData.Silent());
        Assert.Equal(unshifted.Folds.FoldOf, run.Folds.FoldOf);
    }

    [Theory]
    [InlineData("cpu", null, true)]
    [InlineData("cuda", null, true)]
    [InlineData("cuda:1", 4, true)]
    [InlineData("gpu", null, false)]
    [InlineData("cuda:x", null, false)]
    [InlineData("CPU", null, false)]
    [InlineData("cpu", 0, false)]
    public void HostOptionsAcceptOnlyCpuOrCudaAndPositiveThreads(string device, int? threads, bool valid)
    {
        if (valid)
            Assert.Equal(device, new TrainingHostOptions(device, threads).Device);
        else
            Assert.Throws<ArgumentException>(() => new TrainingHostOptions(device, threads));
    }

    [Fact]
    public void HostOptionsReportEveryProblemAtOnce()
    {
        var e = Assert.Throws<ArgumentException>(() => new TrainingHostOptions("tpu", 0));
        Assert.Contains("tpu", e.Message, StringComparison.Ordinal);
        Assert.Contains("threads", e.Message, StringComparison.Ordinal);
    }
}
