using Ensemble.Settings;

namespace Ensemble.Models.Augmentation;

/// <summary>
/// torchvision RandomResizedCrop defaults: area scale 0.08..1, aspect ratio (frames/bins) 3/4..4/3, bilinear
/// (align_corners false, no antialias, as torchvision 0.14 on tensors), output the crop shape (default: AudioOptions.Default's). Applied to every sample by
/// default (torchvision has no probability); a lower <see cref="Probability"/> leaves the other samples whole (only
/// resized to the output size). RECIPE uses it for Inception only.
/// </summary>
public sealed record RandomResizedCropOptions
{
    public const double DefaultScaleMin = 0.08;
    public const double DefaultScaleMax = 1.0;
    public const double DefaultRatioMin = 3.0 / 4.0;
    public const double DefaultRatioMax = 4.0 / 3.0;
    public const int Attempts = 10;
    public const double DefaultProbability = 1.0;

    public RandomResizedCropOptions(
        double scaleMin = DefaultScaleMin,
        double scaleMax = DefaultScaleMax,
        double ratioMin = DefaultRatioMin,
        double ratioMax = DefaultRatioMax,
        int? outputMelBands = null,
        int? outputFrames = null,
        double probability = DefaultProbability)
    {
        if (!(probability is >= 0 and <= 1))
            throw new ArgumentException($"Probability must be in [0, 1], got {probability}", nameof(probability));
        if (!(scaleMin > 0 && scaleMin <= scaleMax && scaleMax <= 1))
            throw new ArgumentException($"Scale must satisfy 0 < ScaleMin ≤ ScaleMax ≤ 1, got {scaleMin}..{scaleMax}", nameof(scaleMin));
        if (!(ratioMin > 0 && ratioMin <= ratioMax && !double.IsInfinity(ratioMax)))
            throw new ArgumentException($"Ratio must satisfy 0 < RatioMin ≤ RatioMax, got {ratioMin}..{ratioMax}", nameof(ratioMin));
        if (outputMelBands < 1)
            throw new ArgumentException($"OutputMelBands must be at least 1, got {outputMelBands}", nameof(outputMelBands));
        if (outputFrames < 1)
            throw new ArgumentException($"OutputFrames must be at least 1, got {outputFrames}", nameof(outputFrames));
        ScaleMin = scaleMin;
        ScaleMax = scaleMax;
        RatioMin = ratioMin;
        RatioMax = ratioMax;
        OutputMelBands = outputMelBands ?? AudioOptions.Default.CropShape.MelBands;
        OutputFrames = outputFrames ?? AudioOptions.Default.CropShape.Frames;
        Probability = probability;
    }

    public double ScaleMin { get; }
    public double ScaleMax { get; }
    public double RatioMin { get; }
    public double RatioMax { get; }
    public int OutputMelBands { get; }
    public int OutputFrames { get; }
    public double Probability { get; }
}
