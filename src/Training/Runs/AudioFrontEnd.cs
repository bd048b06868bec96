using Ensemble.Audio.Decoding;
using Ensemble.Audio.Features;

namespace Ensemble.Training.Runs;

/// <summary>The audio settings training needs: decoding, log-mel, crop width and TTA counts (from the recipe's audio options).</summary>
public sealed record AudioFrontEnd(WavDecoderOptions Decoding, LogMelOptions LogMel, int CropFrames, int ValidationTtaCrops, int TestTtaCrops)
{
    /// <summary>Keys the feature cache: everything that changes a clip's log-mel.</summary>
    public string FeatureHash() => $"{LogMel.StableHash()}-{(Decoding.TargetSampleRateHz ?? 0)}";
}
