using Ensemble.Grains.Abstractions.Training;
using Ensemble.Grains.Training;
using Ensemble.Training.Manifest;
using Ensemble.Training.Recipes;
using Ensemble.Training.Runs;
using Ensemble.Training.Tests.TestSupport;

namespace Ensemble.Grains.Tests.Training;

/// <summary>
/// The tiny recipe (1 noisy + 2 curated epochs, 2 folds) on three training silos: a silo dies while its fold job is
/// about to commit epoch 2; after the lease runs out the job resumes elsewhere from epoch 1, the dead trainer's late
/// commit is refused, the coordinator is restarted on the way, and the run ends as an uninterrupted one does.
/// </summary>
public sealed class SiloLossTrainingTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task A_silo_killed_mid_job_loses_nothing_and_the_run_equals_an_uninterrupted_one()
    {
        using var data = TinyData.Dataset();
        using var work = new TempFolder();
        var recipe = TinyData.Recipe();
        var cache = Path.Combine(work.Path, "cache");
        var reference = TinyData.Pipeline(recipe, new TrainOptions(data.Path, Path.Combine(work.Path, "reference"), cache)).Run();

        await using var training = await TrainingCluster.StartAsync(TrainingCluster.Build, TrainingCluster.Build, TrainingCluster.Build);
        var primary = training.Cluster.Silos[0].SiloAddress.ToParsableString();
        // Hold the first fold job that reaches its epoch-2 commit on a silo other than the primary (the gateway).
        training.Blocker.HoldIf = (lease, trainer, epoch) =>
            lease.JobId.StartsWith("cnn/fold-", StringComparison.Ordinal) && epoch == 2 && TrainerKey.Parse(trainer).Silo != primary;
        var runDirectory = Path.Combine(work.Path, "cluster");
        var submitted = await training.Coordinator("tiny").SubmitAsync(new TrainingRunSubmission(
            "tiny", RecipeJson.Serialize(recipe), data.Path, runDirectory, cache, TrainingCluster.Build));
        Assert.Equal(["prepare", "cnn/pretrain", "cnn/fold-0", "cnn/fold-1", "assemble"], submitted.Jobs.Select(j => j.Id));
        Assert.Equal(primary, submitted.CoordinatorSilo);

        var (victimLease, victimTrainer, _) = await training.Blocker.Held.Task.WaitAsync(Limit);
        // The other fold finishes first, so no live trainer holds a lease when the clock jumps.
        var other = victimLease.JobId == "cnn/fold-0" ? "cnn/fold-1" : "cnn/fold-0";
        await training.WaitForAsync("tiny", s => s.Jobs.Single(j => j.Id == other).State == TrainingJobState.Finished, Limit);
        var victim = training.Cluster.Silos.Single(s => s.SiloAddress.ToParsableString() == TrainerKey.Parse(victimTrainer).Silo);
        await training.Cluster.KillSiloAsync(victim);
        await training.Cluster.WaitForLivenessToStabilizeAsync(didKill: true);

        // Before the lease runs out nothing moves; after it, the job goes to a live trainer with a higher token.
        var waiting = await training.Coordinator("tiny").ReconcileAsync();
        Assert.Equal(victimLease.Token, waiting.Jobs.Single(j => j.Id == victimLease.JobId).Token);
        training.Clock.Advance(TrainingCluster.Lease + TimeSpan.FromSeconds(1));
        var moved = await training.WaitForAsync("tiny", s => s.Jobs.Single(j => j.Id == victimLease.JobId) is { State: TrainingJobState.Running } j && j.Token > victimLease.Token, Limit);
        Assert.NotEqual(victimTrainer, moved.Jobs.Single(j => j.Id == victimLease.JobId).Trainer);

        // A coordinator restart mid-run: the job table comes back from storage and the run carries on.
        var before = await training.Coordinator("tiny").GetStatusAsync();
        await training.Cluster.DeactivateAsync(training.Coordinator("tiny"));
        var after = await training.Coordinator("tiny").GetStatusAsync();
        Assert.Equal(before.Jobs.Select(j => (j.Id, j.State, j.Token, j.LostTrainers)), after.Jobs.Select(j => (j.Id, j.State, j.Token, j.LostTrainers)));
        Assert.True(after.LastEvent > before.LastEvent); // the activation says so in the event log

        var finished = await training.WaitForAsync("tiny", s => s.IsDone, Limit);
        Assert.Equal(TrainingRunPhase.Finished, finished.Phase);
        Assert.All(finished.Jobs, j => Assert.Equal(TrainingJobState.Finished, j.State));
        var resumed = finished.Jobs.Single(j => j.Id == victimLease.JobId);
        Assert.Equal((1, 0, 1), (resumed.LostTrainers, resumed.Errors, resumed.ResumedFromEpoch));
        Assert.All(finished.Jobs.Where(j => j.Id != victimLease.JobId), j => Assert.Equal(0, j.Retries));

        // The stale trainer, released now, must not write its epoch 2.
        training.Blocker.Release();
        var refusal = await training.Blocker.FirstRefusal.Task.WaitAsync(Limit);
        Assert.Equal((victimLease, 2), (refusal.Lease, refusal.Epoch));
        Assert.Contains("lapsed", refusal.Reason, StringComparison.Ordinal);
        var stage = Path.Combine(runDirectory, "models", "cnn", victimLease.JobId["cnn/".Length..]);
        Assert.Equal(2, StageState.Load(stage).CompletedEpochs);

        var events = await training.Coordinator("tiny").GetEventsAsync(0, 10_000);
        Assert.Contains(events, e => e.JobId == victimLease.JobId && e.Text.Contains("resumes on", StringComparison.Ordinal) && e.Text.Contains("from epoch 1", StringComparison.Ordinal));
        Assert.Contains(events, e => e.JobId == victimLease.JobId && e.Text.Contains("resuming after epoch 1", StringComparison.Ordinal));
        Assert.Contains(events, e => e.Text.Contains("] epoch 2 lr", StringComparison.Ordinal));

        var manifest = EnsembleManifest.Load(finished.ManifestPath!, verifyHashes: true);
        Assert.Equal(2, manifest.Models.Count);
        var silent = new TinyData.Silent();
        var assembled = new RunAssembly(TrainingRun.Open(runDirectory, silent), new TrainingHost(new TrainingHostOptions(), silent), silent).Assemble();
        Assert.InRange(Math.Abs(assembled.Models[0].OofLwlrap - reference.Models[0].OofLwlrap), 0, 0.01);
    }
}
