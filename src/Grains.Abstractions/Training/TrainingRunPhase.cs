namespace Ensemble.Grains.Abstractions.Training;

/// <summary>Where a whole run stands.</summary>
public enum TrainingRunPhase
{
    /// <summary>No run was submitted under this id.</summary>
    Unknown,
    Running,
    Finished,
    Failed,
    Cancelled,
}
