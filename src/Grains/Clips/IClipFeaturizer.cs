using Ensemble.Grains.Abstractions.Clips;
using Ensemble.Grains.Abstractions.Manifests;

namespace Ensemble.Grains.Clips;

/// <summary>
/// Decode → log-mel → the manifest's deterministic TTA crops, once per clip. The silo registers the real one (the
/// audio pipeline training used, configured by <see cref="ServingManifest.Audio"/>); tests register
/// small deterministic ones. Throws AudioFormatException naming the clip for bad input.
/// </summary>
public interface IClipFeaturizer
{
    ClipCrops Featurize(ClipTagRequest request, ServingManifest manifest);
}
