using Ensemble.Training.Recipes;
using TorchSharp;

namespace Ensemble.Training.Runs;

/// <summary>
/// Runs stages of prepared runs in this process. The host owns what is process-wide in libtorch: it resolves the
/// device once and is the one place that sets libtorch's intra-op thread count (its options' count, or the recipe's
/// and each model's <c>torchThreads</c>). A stage request names only a run folder and a stage, so any process can
/// run any stage of a run another process prepared.
/// </summary>
public sealed class TrainingHost
{
    private readonly ITrainingProgress _progress;
    private readonly StageTrainer _trainer;
    private TrainingRun? _opened;

    public TrainingHost(TrainingHostOptions options, ITrainingProgress progress)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        Options = options;
        _progress = progress;
        _trainer = new StageTrainer(progress, options.Device);
        if (options.Threads is { } threads)
            torch.set_num_threads(threads);
    }

    public TrainingHostOptions Options { get; }

    public torch.Device Device => _trainer.Device;

    /// <summary>Runs (or resumes, or finds finished) one stage. <paramref name="afterEpoch"/> is called after each saved epoch.</summary>
    public StageResult RunStage(TrainingStageRequest request, Action<EpochMetrics>? afterEpoch = null, CancellationToken cancellation = default) =>
        RunStage(request, afterEpoch, null, cancellation);

    /// <summary>
    /// <see cref="RunStage(TrainingStageRequest, Action{EpochMetrics}?, CancellationToken)"/> with a commit gate:
    /// <paramref name="mayCommit"/> is asked before each epoch's files are written (<see cref="StageTrainer.Run"/>).
    /// </summary>
    public StageResult RunStage(TrainingStageRequest request, Action<EpochMetrics>? afterEpoch, Func<int, bool>? mayCommit, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(request);
        var run = Open(request.RunDirectory, cancellation);
        var stage = run.CreateStageRequest(request.Stage);
        UseThreadsFor(run.Recipe, run.Model(request.Stage.Model));
        return _trainer.Run(stage, cancellation, afterEpoch, mayCommit);
    }

    /// <summary>The run a request names, opened once per folder and kept for the next stages of the same run.</summary>
    public TrainingRun Open(string runDirectory, CancellationToken cancellation = default)
    {
        var full = Path.GetFullPath(runDirectory);
        if (_opened?.Directory != full)
            _opened = TrainingRun.Open(full, _progress, cancellation: cancellation);
        return _opened;
    }

    /// <summary>libtorch threads for work on <paramref name="model"/> (training or test prediction).</summary>
    public void UseThreadsFor(Recipe recipe, ModelRecipe model)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(model);
        UseThreads(Options.Threads ?? model.TorchThreads ?? recipe.TorchThreads);
    }

    /// <summary>libtorch threads for work on the whole recipe (assembly, blending).</summary>
    public void UseThreadsFor(Recipe recipe)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        UseThreads(Options.Threads ?? recipe.TorchThreads);
    }

    private static void UseThreads(int threads)
    {
        var wanted = threads == 0 ? Environment.ProcessorCount : threads;
        if (torch.get_num_threads() != wanted)
            torch.set_num_threads(wanted);
    }
}
