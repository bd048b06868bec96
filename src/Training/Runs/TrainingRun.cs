using Ensemble.Settings;
using System.Text.Json.Nodes;
using Ensemble.Audio;
using Ensemble.Models;
using Ensemble.Training.Data;
using Ensemble.Training.Features;
using Ensemble.Training.Folds;
using Ensemble.Training.Recipes;

namespace Ensemble.Training.Runs;

/// <summary>
/// A prepared run folder, read-only: recipe, data, features (handles into the feature cache), folds and the stages
/// left to train. <see cref="Prepare"/> makes one (data checks, features, folds; writes recipe.json, folds.csv, the
/// provenance files and run.json); <see cref="Open"/> reads one back in any process, refusing a folder whose data or
/// folds no longer match. Stages run through <see cref="TrainingHost"/>; <see cref="RunAssembly"/> puts the results
/// together.
/// </summary>
public sealed class TrainingRun
{
    public const string RecipeFile = "recipe.json";
    public const string GitFile = "git-commit.txt";
    public const string FingerprintFile = "data-fingerprint.txt";

    private readonly Dictionary<string, int> _allCuratedIndex;

    private TrainingRun(string directory, Recipe recipe, PreparedRun prepared, FatDataset data, LoadedFeatures features, FoldAssignment folds)
    {
        Directory = directory;
        Recipe = recipe;
        Prepared = prepared;
        Data = data;
        Curated = features.Curated;
        Noisy = features.Noisy;
        CuratedClips = Usable(data.Curated, features.Curated);
        TestNames = features.TestClips.Where((c, i) => features.Test[0][i] is not null).Select(c => c.FileName).ToArray();
        TestFeatures = features.TestClips.Select((c, i) => features.Test[0][i]).Where(f => f is not null).Select(f => (ILogMelSource)f!).ToArray();
        Folds = folds;
        _allCuratedIndex = data.Curated.Select((c, i) => (c.FileName, i)).ToDictionary(p => p.FileName, p => p.i, StringComparer.Ordinal);
        var stages = new List<StageKey>();
        foreach (var model in recipe.Models)
        {
            if (HasPretraining(model))
                stages.Add(StageKey.Pretraining(model.Name));
            for (var fold = 0; fold < recipe.Folds; fold++)
                stages.Add(StageKey.FineTuning(model.Name, fold));
        }
        Stages = stages;
    }

    public string Directory { get; }
    public Recipe Recipe { get; }
    public PreparedRun Prepared { get; }
    public FatDataset Data { get; }
    public ClassList Classes => Data.Classes;
    public AudioOptions Audio => Recipe.Audio;

    /// <summary>The curated clips every variant could be computed for, in the fixed order of the OOF matrix.</summary>
    public IReadOnlyList<LabeledClip> CuratedClips { get; }

    /// <summary>Curated features per variant (original first, then each SoX chain), in <see cref="FatDataset.Curated"/> order.</summary>
    public IReadOnlyList<StoredLogMel?[]> Curated { get; }

    /// <summary>Noisy features per variant, or null when no model pretrains on noisy data.</summary>
    public IReadOnlyList<StoredLogMel?[]>? Noisy { get; }

    public IReadOnlyList<string> TestNames { get; }
    public IReadOnlyList<ILogMelSource> TestFeatures { get; }
    public FoldAssignment Folds { get; }

    /// <summary>Every stage in training order: per model its noisy pretraining (if any), then its folds.</summary>
    public IReadOnlyList<StageKey> Stages { get; }

    /// <summary>The run's id in checkpoint sidecars: recipe name and seed.</summary>
    public string RunId => $"{Recipe.Name}-seed{Recipe.Seed}";

    /// <summary>
    /// Checks the data, computes missing features, makes or checks the folds, and writes the run folder. Re-preparing a
    /// folder is allowed with the same recipe (thread counts may change) and data; anything else is a
    /// <see cref="RunFolderException"/>.
    /// </summary>
    public static TrainingRun Prepare(Recipe recipe, TrainOptions options, ITrainingProgress progress, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        var run = Path.GetFullPath(options.RunDirectory);
        // Every check against what the folder already holds comes before the first write, so a refused resume leaves
        // the folder exactly as it was.
        var recipePath = Path.Combine(run, RecipeFile);
        if (File.Exists(recipePath))
            CheckSameRecipe(run, RecipeJson.Load(recipePath), recipe);
        var data = FatDataset.Read(options.DataDirectory);
        var fingerprint = RunProvenance.DataFingerprint(data);
        if (File.Exists(Path.Combine(run, PreparedRun.FileName)))
            CheckSameData(run, PreparedRun.Load(run), data.Root, fingerprint);

        System.IO.Directory.CreateDirectory(run);
        RecipeJson.Save(recipe, recipePath);
        File.WriteAllText(Path.Combine(run, GitFile), RunProvenance.GitCommit(AppContext.BaseDirectory) + "\n");
        File.WriteAllText(Path.Combine(run, FingerprintFile), fingerprint + "\n");

        // Features of everything the run will touch: decoding problems join the CSV problems in one report.
        var issues = new List<DatasetIssue>(data.Issues);
        var features = LoadFeatures(recipe, data, options.CacheDirectory, options.Parallelism, progress, issues, cancellation);
        var skip = options.SkipBadClips ?? recipe.Data.SkipBadClips;
        if (issues.Count > 0)
        {
            var report = Path.Combine(run, IssueReport.FileName);
            IssueReport.Write(report, issues);
            if (!skip)
                throw new DatasetIssuesException(issues, report);
            progress.Message($"{issues.Count} data issue(s) skipped; report: {report}");
        }

        var folds = ExpectedFolds(recipe, data, features);
        var foldsPath = Path.Combine(run, FoldAssignment.FileName);
        if (File.Exists(foldsPath))
            CheckSameFolds(run, FoldAssignment.Load(foldsPath, recipe.Folds), folds);
        else
            folds.Save(foldsPath);
        var prepared = new PreparedRun(data.Root, Path.GetFullPath(options.CacheDirectory), skip, fingerprint);
        prepared.Save(run);
        return new TrainingRun(run, recipe, prepared, data, features, folds);
    }

    /// <summary>
    /// Reads a prepared run folder (nothing in it is written; features missing from the cache are computed into the
    /// cache). Refuses, with a <see cref="RunFolderException"/>, a folder that was never prepared, whose data changed
    /// since, or whose saved folds are not the ones its recipe and data give.
    /// </summary>
    /// <param name="parallelism">Threads for features missing from the cache; 0: all cores.</param>
    public static TrainingRun Open(string runDirectory, ITrainingProgress progress, int parallelism = 0, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runDirectory);
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentOutOfRangeException.ThrowIfNegative(parallelism);
        var run = Path.GetFullPath(runDirectory);
        var prepared = PreparedRun.Load(run);
        var recipe = RecipeJson.Load(Path.Combine(run, RecipeFile));
        var data = FatDataset.Read(prepared.DataDirectory);
        CheckSameData(run, prepared, data.Root, RunProvenance.DataFingerprint(data));
        // The data is unchanged, so Prepare already reported these issues (and stopped unless told to skip them).
        var issues = new List<DatasetIssue>();
        var features = LoadFeatures(recipe, data, prepared.CacheDirectory, parallelism == 0 ? Environment.ProcessorCount : parallelism, progress, issues, cancellation);
        var folds = ExpectedFolds(recipe, data, features);
        CheckSameFolds(run, FoldAssignment.Load(Path.Combine(run, FoldAssignment.FileName), recipe.Folds), folds);
        return new TrainingRun(run, recipe, prepared, data, features, folds);
    }

    /// <summary>The serialisable request for one of <see cref="Stages"/>.</summary>
    public TrainingStageRequest BuildRequest(StageKey stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        if (!Stages.Contains(stage))
            throw new RunFolderException(Directory, RunFolderProblem.UnknownStage,
                $"the recipe has no stage '{stage}' (stages: {string.Join(", ", Stages)})");
        return new TrainingStageRequest(Directory, stage);
    }

    public string StageDirectory(StageKey stage) => Path.Combine(Directory, stage.RelativeDirectory);

    public ModelRecipe Model(string name) =>
        Recipe.Models.FirstOrDefault(m => m.Name == name)
        ?? throw new RunFolderException(Directory, RunFolderProblem.UnknownStage, $"the recipe has no model '{name}'");

    /// <summary>The curated clips fold <paramref name="fold"/> validates on, in <see cref="CuratedClips"/> order.</summary>
    public IReadOnlyList<LabeledClip> ValidationClips(int fold) => CuratedClips.Where(c => Folds.FoldOf[c.FileName] == fold).ToArray();

    /// <summary>The trainer's in-memory request for a stage: its items, seeds and starting weights.</summary>
    public StageRequest CreateStageRequest(StageKey stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        if (!Stages.Contains(stage))
            throw new RunFolderException(Directory, RunFolderProblem.UnknownStage,
                $"the recipe has no stage '{stage}' (stages: {string.Join(", ", Stages)})");
        var model = Model(stage.Model);
        var classes = Classes;
        var spec = new ModelSpec(model.Architecture, model.WidthMultiplier, classes.Count);
        var label = stage.Fold is { } f ? $"{model.Name} fold {f + 1}/{Recipe.Folds}" : $"{model.Name} noisy pretraining";
        if (stage.Fold is not { } fold)
        {
            var items = Items(Data.Noisy, Noisy!, classes.Count, _ => true);
            return Request(label, StageDirectory(stage), spec, model, items, [], model.NoisyEpochs, model.SeedFor(Recipe.Seed) * 31 + 1, null);
        }

        string? pretrained = null;
        if (HasPretraining(model))
        {
            var key = StageKey.Pretraining(model.Name);
            pretrained = Path.Combine(StageDirectory(key), StageTrainer.BestWeightsFile);
            if (!StageTrainer.IsFinished(StageDirectory(key), model.NoisyEpochs))
                throw new RunFolderException(Directory, RunFolderProblem.PrerequisiteMissing, $"{stage} starts from '{key}', which has not finished; run it first");
        }
        var originals = Curated[0];
        var train = Items(Data.Curated, Curated, classes.Count, c => Folds.FoldOf.TryGetValue(c.FileName, out var k) && k != fold);
        var validation = ValidationClips(fold).Select(c => new TrainingItem(c.FileName, originals[_allCuratedIndex[c.FileName]]!,
            c.TruthRow(classes.Count).Select(t => t ? 1f : 0f).ToArray())).ToList();
        return Request(label, StageDirectory(stage), spec, model, train, validation, model.CuratedEpochs, model.SeedFor(Recipe.Seed) * 31 + 2 + fold, pretrained);
    }

    private bool HasPretraining(ModelRecipe model) => model.NoisyEpochs > 0 && Noisy is not null;

    private StageRequest Request(string label, string directory, ModelSpec spec, ModelRecipe model, IReadOnlyList<TrainingItem> train,
        IReadOnlyList<TrainingItem> validation, int epochs, int seed, string? initial) =>
        new(label, directory, spec, model.IsInception, train, validation, epochs, seed, Audio,
            model.OptimizerFor(Recipe.Optimizer), Recipe.Augmentation, initial, Classes.Names, RunId);

    private sealed record LoadedFeatures(StoredLogMel?[][] Curated, StoredLogMel?[][]? Noisy, LabeledClip[] TestClips, StoredLogMel?[][] Test);

    private static LoadedFeatures LoadFeatures(Recipe recipe, FatDataset data, string cacheDirectory, int parallelism, ITrainingProgress progress,
        List<DatasetIssue> issues, CancellationToken cancellation)
    {
        var audio = recipe.Audio;
        var features = new ClipFeatures(new FeatureCache(cacheDirectory, audio.FeatureHash()), audio.Decoding, audio.LogMel, parallelism);
        var needsNoisy = recipe.Models.Any(m => m.NoisyEpochs > 0) && data.Noisy.Count > 0;
        var curated = LoadVariants(features, FatDataset.CuratedFolder, data.Curated, recipe.Data.CuratedSoxChains, issues, progress, cancellation);
        var noisy = needsNoisy ? LoadVariants(features, FatDataset.NoisyFolder, data.Noisy, recipe.Data.NoisySoxChains, issues, progress, cancellation) : null;
        var testClips = data.TestAudioPaths.Select((p, i) => new LabeledClip(Path.GetFileName(p), p, [], 0)).ToArray();
        var test = LoadVariants(features, FatDataset.TestFolder, testClips, [], issues, progress, cancellation);
        return new LoadedFeatures(curated, noisy, testClips, test);
    }

    private static StoredLogMel?[][] LoadVariants(ClipFeatures features, string split, IReadOnlyList<LabeledClip> clips, IReadOnlyList<string> chains,
        List<DatasetIssue> issues, ITrainingProgress progress, CancellationToken cancellation)
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

    private static FoldAssignment ExpectedFolds(Recipe recipe, FatDataset data, LoadedFeatures features) =>
        FoldAssignment.Create(Usable(data.Curated, features.Curated), data.Classes.Count, recipe.Folds, recipe.Seed);

    private static void CheckSameFolds(string run, FoldAssignment saved, FoldAssignment expected)
    {
        if (!saved.FoldOf.OrderBy(p => p.Key, StringComparer.Ordinal).SequenceEqual(expected.FoldOf.OrderBy(p => p.Key, StringComparer.Ordinal)))
            throw new RunFolderException(run, RunFolderProblem.FoldsDiffer,
                $"the saved {FoldAssignment.FileName} differs from this recipe's and data's folds; use a new run folder");
    }

    private static void CheckSameData(string run, PreparedRun prepared, string dataDirectory, string fingerprint)
    {
        if (fingerprint == prepared.DataFingerprint)
            return;
        var which = Path.GetFullPath(dataDirectory) == Path.GetFullPath(prepared.DataDirectory)
            ? $"the data in {prepared.DataDirectory} changed since the run was prepared"
            : $"the run was prepared on {prepared.DataDirectory}, not {dataDirectory}, and the data differs";
        throw new RunFolderException(run, RunFolderProblem.DataChanged,
            $"{which} ({fingerprint}, prepared with {prepared.DataFingerprint}); use a new run folder");
    }

    // Thread counts only change how fast a run goes (and float reduction order), not what it trains: a prepared run
    // may be continued with other counts, e.g. on another machine.
    private static void CheckSameRecipe(string run, Recipe saved, Recipe recipe)
    {
        if (WithoutThreads(saved) != WithoutThreads(recipe))
            throw new RunFolderException(run, RunFolderProblem.RecipeDiffers,
                $"the folder was prepared with another recipe ('{saved.Name}', see {RecipeFile}); use a new run folder");
    }

    private static string WithoutThreads(Recipe recipe)
    {
        var node = JsonNode.Parse(RecipeJson.Serialize(recipe))!.AsObject();
        node.Remove("torchThreads");
        foreach (var model in node["models"]!.AsArray())
            model!.AsObject().Remove("torchThreads");
        return node.ToJsonString();
    }

    private static List<TrainingItem> Items(IReadOnlyList<LabeledClip> clips, IReadOnlyList<StoredLogMel?[]> variants, int classCount, Func<LabeledClip, bool> include)
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
}
