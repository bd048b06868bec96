using Ensemble.Grains.Abstractions.Telemetry;
using Ensemble.Grains.Abstractions.Training;
using Ensemble.Training.Runs;
using Ensemble.Training.Tests.TestSupport;

namespace Ensemble.Grains.Tests.Training;

/// <summary>
/// A run cancelled while a fold job waits at its epoch-2 commit: the run and the job are cancelled, the trainer writes
/// no further checkpoint and ends the attempt as cancelled, and no job is handed out afterwards, even once every lease
/// has run out.
/// </summary>
public sealed class TrainingCancelTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Cancelling_a_run_mid_job_stops_the_job_at_its_next_commit_and_reassigns_nothing()
    {
        using var data = TinyData.Dataset();
        using var work = new TempFolder();
        await using var training = await TrainingCluster.StartAsync(TrainingCluster.Build);
        using var recorder = new TrainingTelemetryRecorder(training.Cluster, "cancel");
        training.Blocker.HoldIf = (lease, _, epoch) => lease.JobId == "cnn/fold-0" && epoch == 2;
        var runDirectory = (await training.SubmitTinyAsync("cancel", data.Path, work.Path)).RunDirectory!;

        var (lease, _, _) = await training.Blocker.Held.Task.WaitAsync(Limit);
        var cancelled = await training.Coordinator("cancel").CancelAsync();
        Assert.Equal(TrainingRunPhase.Cancelled, cancelled.Phase);
        var job = cancelled.Jobs.Single(j => j.Id == lease.JobId);
        Assert.Equal((TrainingJobState.Cancelled, null, 1), (job.State, job.Trainer, job.CompletedEpochs));
        Assert.All(cancelled.Jobs, j => Assert.Contains(j.State, new[] { TrainingJobState.Finished, TrainingJobState.Cancelled }));

        // Released, the trainer is refused its epoch 2 for the cancellation (not a lease question) and ends the attempt.
        training.Blocker.Release();
        var refusal = await training.Blocker.FirstRefusal.Task.WaitAsync(Limit);
        Assert.Equal((lease, 2, "the job was cancelled"), (refusal.Lease, refusal.Epoch, refusal.Reason));
        var span = await recorder.JobSpanAsync(lease.JobId).WaitAsync(Limit);
        Assert.Equal(nameof(JobFailureKind.Cancelled), span.GetTagItem(TrainingTelemetry.FailureTag));
        Assert.Equal([1], span.Events.Select(e => e.Tags.Single(t => t.Key == TrainingTelemetry.EpochTag).Value));
        Assert.Equal(1, StageState.Load(Path.Combine(runDirectory, "models", "cnn", "fold-0")).CompletedEpochs);

        // Every lease lapses now; a reconcile must neither resurrect nor hand out a job.
        training.Clock.Advance(TrainingCluster.Lease + TimeSpan.FromSeconds(1));
        var after = await training.Coordinator("cancel").ReconcileAsync();
        Assert.Equal(TrainingRunPhase.Cancelled, after.Phase);
        Assert.Equal(cancelled.Jobs.Select(j => (j.Id, j.State, j.Token, j.Trainer)), after.Jobs.Select(j => (j.Id, j.State, j.Token, j.Trainer)));
        Assert.DoesNotContain(training.Blocker.Commits, c => c.Lease.JobId != lease.JobId && c.Lease.JobId.StartsWith("cnn/fold-", StringComparison.Ordinal));
        Assert.DoesNotContain(training.Blocker.Commits, c => c.Lease.JobId == lease.JobId && c.Epoch > 2);
        var outcomes = recorder.Tags(TrainingTelemetry.JobsInstrument).Where(t => Equals(t[TrainingTelemetry.OutcomeTag], TrainingTelemetry.CancelledOutcome));
        Assert.Equal("cnn", Assert.Single(outcomes)[TrainingTelemetry.ModelTag]);
        Assert.Empty(recorder.Tags(TrainingTelemetry.RetriesInstrument));
    }
}
