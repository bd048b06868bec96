using Ensemble.Grains.Abstractions.Training;

namespace Ensemble.Grains.Training;

/// <summary>
/// Sees a trainer's commit decisions on its job thread: just before the lease check of each epoch's commit, and each
/// refusal. The default does nothing; tests hold a job at a commit to interleave a silo's death with it.
/// </summary>
public interface ITrainerObserver
{
    void BeforeCommit(JobLease lease, string trainer, int epoch);

    void CommitRefused(JobLease lease, string trainer, int epoch, string reason);
}
