namespace Ensemble.Training.Recipes;

/// <summary>
/// In-batch augmentations (RECIPE "In-batch augmentation"): probabilities per batch or per sample, as documented in
/// docs/training.md. Random resized crop applies to Inception models only.
/// </summary>
public sealed record AugmentationRecipe
{
    public AugmentationRecipe(double mixupAlpha, double mixupProbability, double erasingProbability, double coarseDropoutProbability,
        double flipProbability, double randomResizedCropProbability)
    {
        if (!(mixupAlpha > 0) || double.IsInfinity(mixupAlpha))
            throw new ArgumentException($"MixupAlpha must be positive, got {mixupAlpha}", nameof(mixupAlpha));
        Check(mixupProbability, nameof(mixupProbability));
        Check(erasingProbability, nameof(erasingProbability));
        Check(coarseDropoutProbability, nameof(coarseDropoutProbability));
        Check(flipProbability, nameof(flipProbability));
        Check(randomResizedCropProbability, nameof(randomResizedCropProbability));
        MixupAlpha = mixupAlpha;
        MixupProbability = mixupProbability;
        ErasingProbability = erasingProbability;
        CoarseDropoutProbability = coarseDropoutProbability;
        FlipProbability = flipProbability;
        RandomResizedCropProbability = randomResizedCropProbability;
    }

    public double MixupAlpha { get; }
    public double MixupProbability { get; }
    public double ErasingProbability { get; }
    public double CoarseDropoutProbability { get; }
    public double FlipProbability { get; }
    public double RandomResizedCropProbability { get; }

    private static void Check(double p, string name)
    {
        if (!(p is >= 0 and <= 1))
            throw new ArgumentException($"{char.ToUpperInvariant(name[0])}{name[1..]} must be in [0, 1], got {p}", name);
    }
}
