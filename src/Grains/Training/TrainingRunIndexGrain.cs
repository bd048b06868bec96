using Ensemble.Grains.Abstractions.Training;

namespace Ensemble.Grains.Training;

/// <summary>The list of submitted run ids, in submission order, kept in the training storage.</summary>
public sealed class TrainingRunIndexGrain(
    [PersistentState("runs", TrainingStorage.Name)] IPersistentState<TrainingRunIndexState> persisted) : Grain, ITrainingRunIndexGrain
{
    public async Task AddAsync(string runId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        if (persisted.State.RunIds.Contains(runId, StringComparer.Ordinal))
            return;
        persisted.State.RunIds.Add(runId);
        await persisted.WriteStateAsync();
    }

    public Task<IReadOnlyList<string>> ListAsync() => Task.FromResult<IReadOnlyList<string>>(persisted.State.RunIds.ToArray());
}
