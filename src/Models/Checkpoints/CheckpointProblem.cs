namespace Ensemble.Models.Checkpoints;

/// <summary>Why a checkpoint was refused.</summary>
public enum CheckpointProblem
{
    MissingFile,
    InvalidSidecar,
    Truncated,
    HashMismatch,
    WrongArchitecture,
    ClassListMismatch,
    WeightsDoNotFit,
}
