using Ensemble.Audio.Decoding;
using Ensemble.Audio.Features;

namespace Ensemble.Training.Runs;

/// <summary>The audio settings training needs: decoding, log-mel, crop width and TTA counts (from the recipe's audio options).</summary>
public sealed record AudioFrontEnd(WavDecoderOptions Decoding, LogMelOptions LogMel, int CropFrames, int ValidationTtaCrops, int TestTtaCrops)
{
    /// <summary>Keys the feature cache: everything that changes a clip's log-mel.</summary>
    public string FeatureHash() => $"{LogMel.StableHash()}-{(Decoding.TargetSampleRateHz ?? 0)}";

    public const int DefaultCropFrames = 128;

    /// <summary>RECIPE's front end (the audio library's defaults) with the recipe's TTA counts.</summary>
    public static AudioFrontEnd ForRecipe(Recipes.Recipe recipe) =>
        new(WavDecoderOptions.Default, LogMelOptions.Default, DefaultCropFrames, recipe.ValidationTtaCrops, recipe.TestTtaCrops);
}
