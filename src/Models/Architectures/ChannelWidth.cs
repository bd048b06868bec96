namespace Ensemble.Models.Architectures;

/// <summary>A width multiplier applied to a layer's published channel count: round(channels × multiplier), at least 1
/// (CustomCNN's block widths and every Inception-v3 layer).</summary>
public readonly record struct ChannelWidth(double Multiplier)
{
    public long Scale(long channels) => Math.Max(1, (long)Math.Round(channels * Multiplier));
}
