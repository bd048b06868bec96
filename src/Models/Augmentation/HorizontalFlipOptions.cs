namespace Ensemble.Models.Augmentation;

/// <summary>Horizontal flip = time reversal of the crop, with torchvision's default probability 0.5.</summary>
public sealed record HorizontalFlipOptions
{
    public const double DefaultProbability = 0.5;

    public HorizontalFlipOptions(double probability = DefaultProbability)
    {
        if (!(probability is >= 0 and <= 1))
            throw new ArgumentException($"Probability must be in [0, 1], got {probability}", nameof(probability));
        Probability = probability;
    }

    public double Probability { get; }
}
