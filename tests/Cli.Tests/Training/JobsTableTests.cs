using Ensemble.Cli.Training;
using Ensemble.Grains.Abstractions.Training;

namespace Ensemble.Cli.Tests.Training;

/// <summary>`jobs` on a run cancelled mid-job (the table TrainingCancelTests leaves): the run and the job read cancelled.</summary>
public sealed class JobsTableTests
{
    [Fact]
    public void A_run_cancelled_mid_job_reads_cancelled_with_the_epochs_it_kept()
    {
        var run = new TrainingRunStatus("tiny", TrainingRunPhase.Cancelled,
        [
            new TrainingJobStatus("prepare", TrainingJobKind.Prepare, null, null, [], TrainingJobState.Finished, 0, Token: 1),
            new TrainingJobStatus("cnn/fold-0", TrainingJobKind.Stage, "cnn", 0, ["prepare"], TrainingJobState.Cancelled, 2, CompletedEpochs: 1, Token: 2),
        ], "/runs/tiny", null, 9, "silo");

        var lines = JobsTable.Format(run).Split('\n');

        Assert.Equal("run tiny: Cancelled, 1/2 jobs finished, run folder /runs/tiny", lines[0]);
        Assert.StartsWith("  cnn/fold-0           Cancelled epoch 1/2 lost trainers 0", lines[2], StringComparison.Ordinal);
        Assert.DoesNotContain(" on ", lines[2], StringComparison.Ordinal); // no trainer holds a cancelled job
    }
}
