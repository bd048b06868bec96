using Ensemble.Grains.Abstractions.Training;
using Ensemble.Grains.Placement;
using Ensemble.Grains.Training;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Ensemble.Training.Recipes;
using Ensemble.Training.Tests.TestSupport;

namespace Ensemble.Grains.Tests.Training;

/// <summary>A trainer of another build takes no job; a deterministic failure (bad data) fails the run after one attempt.</summary>
public sealed class TrainerRefusalTests
{
    [Fact]
    public async Task Another_build_is_refused_and_bad_data_fails_at_once()
    {
        using var data = TinyData.Dataset();
        data.File("train_curated.csv", "fname,labels\nc0.wav,Nonsense\n"); // an unknown label: the data check stops the run
        using var work = new TempFolder();
        await using var training = await TrainingCluster.StartAsync(TrainingCluster.Build, "another-build");
        var other = TrainerKey.Format(training.Cluster.Silos[1].SiloAddress.ToParsableString(), "cpu");
        var submission = new TrainingRunSubmission("bad", RecipeJson.Serialize(TinyData.Recipe()), data.Path, Path.Combine(work.Path, "bad"),
            Path.Combine(work.Path, "cache"), TrainingCluster.Build);

        // Serving and training both advertise themselves in silo metadata; neither hides the other.
        var cache = training.Cluster.Silos[0].ServiceProvider.GetRequiredService<ISiloMetadataCache>();
        var metadata = cache.GetSiloMetadata(training.Cluster.Silos[1].SiloAddress).Metadata;
        Assert.Equal(("cpu", "another-build", "0:16384"), (metadata[TrainingMetadata.DevicesKey], metadata[TrainingMetadata.BuildKey], metadata[GpuInventory.MetadataKey]));

        var refused = await training.Client.GetGrain<ITrainerGrain>(other)
            .StartAsync(new TrainingJobAssignment(new JobLease("bad", "prepare", 1), TrainingJobKind.Prepare, null, null, submission));
        Assert.False(refused.Accepted);
        Assert.Contains("another-build", refused.Reason, StringComparison.Ordinal);

        await training.Coordinator("bad").SubmitAsync(submission);
        var failed = await training.WaitForAsync("bad", s => s.IsDone, TimeSpan.FromMinutes(2));
        Assert.Equal(TrainingRunPhase.Failed, failed.Phase);
        var prepare = failed.Jobs.Single(j => j.Id == "prepare");
        Assert.Equal((TrainingJobState.Failed, 1, 0), (prepare.State, prepare.Errors, prepare.LostTrainers));
        Assert.Contains("Nonsense", prepare.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain(failed.Jobs, j => j.Trainer == other);
        Assert.All(failed.Jobs.Where(j => j.Id != "prepare"), j => Assert.Equal(TrainingJobState.Cancelled, j.State));
    }
}
