namespace Ensemble.Training.Runs;

/// <summary>Why a run folder cannot be prepared again, opened, or run a stage.</summary>
public enum RunFolderProblem
{
    /// <summary>No run.json: <see cref="TrainingRun.Prepare"/> never finished for this folder.</summary>
    NotPrepared,

    /// <summary>The folder was prepared with another recipe (thread counts aside).</summary>
    RecipeDiffers,

    /// <summary>The saved folds differ from the ones the recipe and data give now.</summary>
    FoldsDiffer,

    /// <summary>The data's fingerprint differs from the one saved when the run was prepared.</summary>
    DataChanged,

    /// <summary>The stage names a model or fold the recipe does not have.</summary>
    UnknownStage,

    /// <summary>The stage needs another one finished first (fine-tuning starts from the noisy pretraining).</summary>
    PrerequisiteMissing,

    /// <summary>A stage's saved files are missing or inconsistent.</summary>
    StageIncomplete,
}
