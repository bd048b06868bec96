namespace Ensemble.Training.Recipes;

/// <summary>
/// In-batch augmentations (RECIPE "In-batch augmentation"): probabilities per batch or per sample, as documented in
/// docs/training.md. Random resized crop applies to Inception models only. The channel probabilities (equalizer, band
/// limit, noise: <see cref="Ensemble.Models.Augmentation.ChannelAugmentation"/>) act per sample on the dB crop before it
/// is standardised; they are optional in recipe files and off when absent.
/// </summary>
public sealed record AugmentationRecipe
{
    public AugmentationRecipe(double mixupAlpha, double mixupProbability, double erasingProbability, double coarseDropoutProbability,
        double flipProbability, double randomResizedCropProbability, double channelEqualizerProbability = 0,
        double channelBandLimitProbability = 0, double channelNoiseProbability = 0)
    {
        if (!(mixupAlpha > 0) || double.IsInfinity(mixupAlpha))
            throw new ArgumentException($"MixupAlpha must be positive, got {mixupAlpha}", nameof(mixupAlpha));
        Check(mixupProbability, nameof(mixupProbability));
        Check(erasingProbability, nameof(erasingProbability));
        Check(coarseDropoutProbability, nameof(coarseDropoutProbability));
        Check(flipProbability, nameof(flipProbability));
        Check(randomResizedCropProbability, nameof(randomResizedCropProbability));
        Check(channelEqualizerProbability, nameof(channelEqualizerProbability));
        Check(channelBandLimitProbability, nameof(channelBandLimitProbability));
        Check(channelNoiseProbability, nameof(channelNoiseProbability));
        MixupAlpha = mixupAlpha;
        MixupProbability = mixupProbability;
        ErasingProbability = erasingProbability;
        CoarseDropoutProbability = coarseDropoutProbability;
        FlipProbability = flipProbability;
        RandomResizedCropProbability = randomResizedCropProbability;
        ChannelEqualizerProbability = channelEqualizerProbability;
        ChannelBandLimitProbability = channelBandLimitProbability;
        ChannelNoiseProbability = channelNoiseProbability;
    }

    public double MixupAlpha { get; }
    public double MixupProbability { get; }
    public double ErasingProbability { get; }
    public double CoarseDropoutProbability { get; }
    public double FlipProbability { get; }
    public double RandomResizedCropProbability { get; }
    public double ChannelEqualizerProbability { get; }
    public double ChannelBandLimitProbability { get; }
    public double ChannelNoiseProbability { get; }

    /// <summary>The channel steps' options: the recipe's probabilities, every range at its default.</summary>
    public Ensemble.Models.Augmentation.ChannelAugmentationOptions ChannelOptions() => new(
        equalizerProbability: ChannelEqualizerProbability, bandLimitProbability: ChannelBandLimitProbability,
        noiseProbability: ChannelNoiseProbability);

    private static void Check(double p, string name)
    {
        if (!(p is >= 0 and <= 1))
            throw new ArgumentException($"{char.ToUpperInvariant(name[0])}{name[1..]} must be in [0, 1], got {p}", name);
    }
}
