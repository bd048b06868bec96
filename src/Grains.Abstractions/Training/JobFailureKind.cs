namespace Ensemble.Grains.Abstractions.Training;

/// <summary>
/// Why a job attempt ended without finishing. Only <see cref="Transient"/> errors are retried (up to a limit);
/// a <see cref="Deterministic"/> one (non-finite loss, bad data, a recipe or run folder that does not fit) fails the
/// job at once, since another trainer would meet it again. Lost trainers are not failures of the job: they are
/// counted apart and the job resumes elsewhere.
/// </summary>
public enum JobFailureKind
{
    Transient,
    Deterministic,
    /// <summary>The trainer lost its lease (stale token): the job already belongs to another trainer.</summary>
    LeaseLost,
    Cancelled,
}
