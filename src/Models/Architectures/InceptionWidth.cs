namespace Ensemble.Models.Architectures;

/// <summary>Scales torchvision's Inception-v3 channel counts: round(channels × multiplier), at least 1.</summary>
public readonly record struct InceptionWidth(double Multiplier)
{
    public long Scale(long channels) => Math.Max(1, (long)Math.Round(channels * Multiplier));
}
