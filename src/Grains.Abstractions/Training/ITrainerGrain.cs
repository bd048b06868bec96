namespace Ensemble.Grains.Abstractions.Training;

/// <summary>
/// One training device of one silo (key: <see cref="TrainerKey"/>), pinned to that silo and never migrated. It accepts a
/// job and returns at once; the job runs on the device's own thread and reports to its coordinator.
/// </summary>
public interface ITrainerGrain : IGrainWithStringKey
{
    /// <summary>Takes the job unless the device is busy or the trainer runs another build than the run's.</summary>
    Task<JobAcceptance> StartAsync(TrainingJobAssignment assignment);

    /// <summary>Heartbeat: whether this trainer is running the job with this token (and renews its own view of the lease).</summary>
    Task<bool> PingAsync(JobLease lease);

    /// <summary>Stops the job with this token at its next epoch boundary.</summary>
    Task CancelAsync(JobLease lease);
}
