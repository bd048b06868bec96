namespace Ensemble.Grains.Abstractions.Training;

/// <summary>
/// One training run (key: run id). Turns the recipe into jobs (prepare; per model its noisy pretraining, then one job
/// per fold; assemble), leases each ready job to a free trainer with a fencing token, renews leases through reports
/// and heartbeats, and moves a job whose lease lapsed to another trainer with a higher token. The job table is grain
/// state, reconciled with the run folder on activation. No call waits for training: every method returns at once.
/// </summary>
public interface ITrainingCoordinatorGrain : IGrainWithStringKey
{
    /// <summary>Starts the run (or returns its status when the same submission is already known).</summary>
    Task<TrainingRunStatus> SubmitAsync(TrainingRunSubmission submission);

    Task<TrainingRunStatus> GetStatusAsync();

    /// <summary>Events after <paramref name="afterSequence"/> (0: from the start), at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<TrainingEvent>> GetEventsAsync(long afterSequence, int max);

    /// <summary>Stops the run: running jobs are told to stop, nothing further is scheduled.</summary>
    Task<TrainingRunStatus> CancelAsync();

    /// <summary>Progress of a running job; false when the lease is stale or lapsed (the trainer must stop).</summary>
    Task<bool> ReportAsync(JobReport report);

    /// <summary>Asked by a trainer before it writes a checkpoint: true only for the current token of a live lease (and renews it).</summary>
    Task<bool> ConfirmLeaseAsync(JobLease lease);

    /// <summary>A job attempt ended (finished or failed); ignored for a stale token.</summary>
    Task JobEndedAsync(JobOutcome outcome);

    /// <summary>Checks leases against the clock and membership and hands out ready jobs (a timer does this too).</summary>
    Task<TrainingRunStatus> ReconcileAsync();
}
