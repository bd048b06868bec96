using System.Collections.Concurrent;
using Ensemble.Grains.Abstractions.Training;
using Ensemble.Grains.Training;

namespace Ensemble.Grains.Tests.Training;

/// <summary>
/// A trainer observer shared by every silo of a test cluster: holds the first commit that <see cref="HoldIf"/> picks
/// on its job thread until <see cref="Release"/>, and records every refused commit.
/// </summary>
public sealed class CommitBlocker : ITrainerObserver, IDisposable
{
    private readonly ManualResetEventSlim _release = new();
    private int _holding;

    public Func<JobLease, string, int, bool>? HoldIf { get; set; }

    public TaskCompletionSource<(JobLease Lease, string Trainer, int Epoch)> Held { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource<(JobLease Lease, string Trainer, int Epoch, string Reason)> FirstRefusal { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConcurrentQueue<(JobLease Lease, string Trainer, int Epoch)> Commits { get; } = new();

    public void BeforeCommit(JobLease lease, string trainer, int epoch)
    {
        Commits.Enqueue((lease, trainer, epoch));
        if (HoldIf?.Invoke(lease, trainer, epoch) == true && Interlocked.Exchange(ref _holding, 1) == 0)
        {
            Held.TrySetResult((lease, trainer, epoch));
            _release.Wait();
        }
    }

    public void CommitRefused(JobLease lease, string trainer, int epoch, string reason) =>
        FirstRefusal.TrySetResult((lease, trainer, epoch, reason));

    public void Release() => _release.Set();

    public void Dispose()
    {
        _release.Set();
        _release.Dispose();
    }
}
