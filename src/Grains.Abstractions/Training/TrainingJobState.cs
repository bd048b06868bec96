namespace Ensemble.Grains.Abstractions.Training;

/// <summary>Where a job stands in the coordinator's job table.</summary>
public enum TrainingJobState
{
    /// <summary>Waiting for its prerequisites or for a free trainer.</summary>
    Waiting,
    /// <summary>Leased to a trainer (see the job's token and lease).</summary>
    Running,
    Finished,
    /// <summary>Failed for good: a deterministic error, or too many errors.</summary>
    Failed,
    Cancelled,
    /// <summary>Not part of the prepared run (e.g. a pretraining when the data has no noisy set).</summary>
    Skipped,
}
