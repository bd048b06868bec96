namespace Ensemble.Models.Augmentation;

/// <summary>
/// Coarse dropout, with albumentations' classic CoarseDropout defaults (max_holes 8, max_height 8, max_width 8,
/// min_* = max_*, fill 0, p 0.5): with probability p, a sample gets a uniform number of holes in
/// [MinHoles, MaxHoles], each of uniform size in [MinHeight, MaxHeight] × [MinWidth, MaxWidth] (bins × frames).
/// </summary>
public sealed record CoarseDropoutOptions
{
    public const double DefaultProbability = 0.5;
    public const int DefaultMaxHoles = 8;
    public const int DefaultMaxHeight = 8;
    public const int DefaultMaxWidth = 8;
    public const float DefaultFill = 0f;

    public CoarseDropoutOptions(
        double probability = DefaultProbability,
        int maxHoles = DefaultMaxHoles,
        int maxHeight = DefaultMaxHeight,
        int maxWidth = DefaultMaxWidth,
        int? minHoles = null,
        int? minHeight = null,
        int? minWidth = null,
        float fill = DefaultFill)
    {
        if (!(probability is >= 0 and <= 1))
            throw new ArgumentException($"Probability must be in [0, 1], got {probability}", nameof(probability));
        MinHoles = minHoles ?? maxHoles;
        MinHeight = minHeight ?? maxHeight;
        MinWidth = minWidth ?? maxWidth;
        if (MinHoles < 1 || MinHoles > maxHoles)
            throw new ArgumentException($"Holes must satisfy 1 ≤ MinHoles ≤ MaxHoles, got {MinHoles}..{maxHoles}", nameof(maxHoles));
        if (MinHeight < 1 || MinHeight > maxHeight)
            throw new ArgumentException($"Height must satisfy 1 ≤ MinHeight ≤ MaxHeight, got {MinHeight}..{maxHeight}", nameof(maxHeight));
        if (MinWidth < 1 || MinWidth > maxWidth)
            throw new ArgumentException($"Width must satisfy 1 ≤ MinWidth ≤ MaxWidth, got {MinWidth}..{maxWidth}", nameof(maxWidth));
        if (!float.IsFinite(fill))
            throw new ArgumentException($"Fill must be finite, got {fill}", nameof(fill));
        Probability = probability;
        MaxHoles = maxHoles;
        MaxHeight = maxHeight;
        MaxWidth = maxWidth;
        Fill = fill;
    }

    public double Probability { get; }
    public int MaxHoles { get; }
    public int MaxHeight { get; }
    public int MaxWidth { get; }
    public int MinHoles { get; }
    public int MinHeight { get; }
    public int MinWidth { get; }
    public float Fill { get; }
}
