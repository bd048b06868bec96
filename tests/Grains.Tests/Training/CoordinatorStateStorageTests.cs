using Ensemble.Grains.Abstractions.Training;
using Ensemble.Grains.Training;
using Ensemble.Training.Recipes;
using Ensemble.Training.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Ensemble.Grains.Tests.Training;

/// <summary>
/// A coordinator's job table goes through the silo's grain storage serializer (JSON, what Redis storage writes) and
/// comes back whole. It did not: a job's one-element DependsOn list was the compiler's own collection type, which the
/// serializer wrote by name and could not read back, so a coordinator re-activated after a real kill -9
/// (deploy/faults/train-kill9.sh) failed to read its state and the run stopped.
/// </summary>
public sealed class CoordinatorStateStorageTests
{
    [Fact]
    public async Task A_job_table_with_pretraining_and_folds_round_trips_through_the_silos_grain_storage_serializer()
    {
        await using var training = await TrainingCluster.StartAsync(TrainingCluster.Build);
        var recipe = TinyData.Recipe();
        Assert.True(recipe.Models.All(m => m.NoisyEpochs > 0), "the tiny recipe pretrains (jobs with one dependency)");
        var state = new CoordinatorState
        {
            Submission = new TrainingRunSubmission("stored", RecipeJson.Serialize(recipe), "/data", "/runs/stored", "/cache", TrainingCluster.Build),
            Jobs = TrainingJobPlan.Create(recipe).ToList(),
            Phase = TrainingRunPhase.Running,
            LastToken = 3,
        };
        state.Jobs[1] = state.Jobs[1] with { State = TrainingJobState.Running, Token = 3, Trainer = "silo/cpu", LeaseExpires = DateTimeOffset.UnixEpoch, CompletedEpochs = 1 };
        state.Events.Add(new TrainingEvent(1, DateTimeOffset.UnixEpoch, state.Jobs[1].Id, "job starts"));
        var serializer = training.Cluster.Silos[0].ServiceProvider.GetRequiredService<IGrainStorageSerializer>();

        var back = serializer.Deserialize<CoordinatorState>(serializer.Serialize(state)) ?? throw new InvalidOperationException("state read back as null");

        Assert.Equal(state.Submission, back.Submission);
        Assert.Equal((state.Phase, state.LastToken), (back.Phase, back.LastToken));
        Assert.Equal(state.Jobs.Count, back.Jobs.Count);
        for (var i = 0; i < state.Jobs.Count; i++)
        {
            Assert.Equal(state.Jobs[i] with { DependsOn = [] }, back.Jobs[i] with { DependsOn = [] });
            Assert.Equal(state.Jobs[i].DependsOn, back.Jobs[i].DependsOn);
        }
        Assert.Equal(state.Events, back.Events);
    }
}
