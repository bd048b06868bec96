using Ensemble.Grains.Abstractions.Training;

namespace Ensemble.Grains.Training;

/// <summary>The default <see cref="ITrainerObserver"/>: nothing to see.</summary>
public sealed class NoTrainerObserver : ITrainerObserver
{
    public void BeforeCommit(JobLease lease, string trainer, int epoch) { }

    public void CommitRefused(JobLease lease, string trainer, int epoch, string reason) { }
}
