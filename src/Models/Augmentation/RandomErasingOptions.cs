namespace Ensemble.Models.Augmentation;

/// <summary>torchvision RandomErasing defaults: p 0.5, area scale 0.02..0.33, aspect ratio 0.3..3.3, value 0.</summary>
public sealed record RandomErasingOptions
{
    public const double DefaultProbability = 0.5;
    public const double DefaultScaleMin = 0.02;
    public const double DefaultScaleMax = 0.33;
    public const double DefaultRatioMin = 0.3;
    public const double DefaultRatioMax = 3.3;
    public const float DefaultValue = 0f;
    /// <summary>torchvision gives up (leaves the sample as it is) after 10 rectangles that do not fit.</summary>
    public const int Attempts = 10;

    public RandomErasingOptions(
        double probability = DefaultProbability,
        double scaleMin = DefaultScaleMin,
        double scaleMax = DefaultScaleMax,
        double ratioMin = DefaultRatioMin,
        double ratioMax = DefaultRatioMax,
        float value = DefaultValue)
    {
        if (!(probability is >= 0 and <= 1))
            throw new ArgumentException($"Probability must be in [0, 1], got {probability}", nameof(probability));
        if (!(scaleMin > 0 && scaleMin <= scaleMax && scaleMax <= 1))
            throw new ArgumentException($"Scale must satisfy 0 < ScaleMin ≤ ScaleMax ≤ 1, got {scaleMin}..{scaleMax}", nameof(scaleMin));
        if (!(ratioMin > 0 && ratioMin <= ratioMax && !double.IsInfinity(ratioMax)))
            throw new ArgumentException($"Ratio must satisfy 0 < RatioMin ≤ RatioMax, got {ratioMin}..{ratioMax}", nameof(ratioMin));
        if (!float.IsFinite(value))
            throw new ArgumentException($"Value must be finite, got {value}", nameof(value));
        Probability = probability;
        ScaleMin = scaleMin;
        ScaleMax = scaleMax;
        RatioMin = ratioMin;
        RatioMax = ratioMax;
        Value = value;
    }

    public double Probability { get; }
    public double ScaleMin { get; }
    public double ScaleMax { get; }
    public double RatioMin { get; }
    public double RatioMax { get; }
    public float Value { get; }
}
