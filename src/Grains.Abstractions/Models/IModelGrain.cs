namespace Ensemble.Grains.Abstractions.Models;

/// <summary>
/// One fold model of one manifest version, keyed by <see cref="ModelGrainKey"/>. Loads its weights once on
/// activation and batches the crops of concurrent requests into shared forward passes.
/// </summary>
public interface IModelGrain : IGrainWithStringKey
{
    /// <summary>Runs the crops of one clip; returns the sigmoid outputs averaged over the crops.</summary>
    Task<ModelInferenceResult> InferAsync(ModelInferenceRequest request);

    /// <summary>Loads the model (if not yet) and runs one dummy batch, so the first real request pays no start-up; later
    /// calls on the same activation answer at once (readiness probes call it).</summary>
    Task<ModelGrainStatus> WarmUpAsync();
}
