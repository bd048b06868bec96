namespace Ensemble.Grains.Abstractions.Training;

/// <summary>The runs submitted to the cluster (key <see cref="SingletonKey"/>), so `ensemble jobs` can list them.</summary>
public interface ITrainingRunIndexGrain : IGrainWithIntegerKey
{
    public const long SingletonKey = 0;

    Task AddAsync(string runId);

    Task<IReadOnlyList<string>> ListAsync();
}
