namespace Ensemble.Training.Runs;

/// <summary>
/// A whole run in this process, stage by stage: <see cref="TrainingRun.Prepare"/>, then every stage through
/// <see cref="TrainingHost.RunStage"/> as a serialisable <see cref="TrainingStageRequest"/> (what another process or a
/// training grain would receive), then <see cref="RunAssembly"/>. Every finished piece is on disk, so re-running the
/// same command resumes.
/// </summary>
public sealed class TrainingPipeline(Ensemble.Training.Recipes.Recipe recipe, TrainOptions options, TrainingHost host, ITrainingProgress progress)
{
    public const string RecipeFile = TrainingRun.RecipeFile;
    public const string SummaryFile = RunAssembly.SummaryFile;

    public RunSummary Run(Action<string, EpochMetrics>? afterEpoch = null, CancellationToken cancellation = default)
    {
        host.UseThreadsFor(recipe);
        var prepared = TrainingRun.Prepare(recipe, options, progress, cancellation);
        foreach (var stage in prepared.Stages)
        {
            var label = stage.ToString();
            host.RunStage(prepared.BuildRequest(stage), m => afterEpoch?.Invoke(label, m), cancellation);
        }
        return new RunAssembly(host.Open(prepared.Directory, cancellation), host, progress).Assemble(cancellation);
    }
}
