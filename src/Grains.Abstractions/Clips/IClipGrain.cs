namespace Ensemble.Grains.Abstractions.Clips;

/// <summary>
/// Tags one clip: decode, log-mel and TTA crops once, fan out to every model grain of the active manifest, blend.
/// A stateless worker: each silo runs it locally for the requests its gateway receives.
/// </summary>
public interface IClipGrain : IGrainWithIntegerKey
{
    Task<ClipTagResult> TagAsync(ClipTagRequest request);
}
