namespace Ensemble.Audio.Crops;

/// <summary>Where a crop window starts.</summary>
public enum CropMode
{
    /// <summary>The centred window (start (T - W) / 2, rounded down): deterministic.</summary>
    Fixed,

    /// <summary>Uniform over every window start.</summary>
    Random,

    /// <summary>Start drawn with probability ∝ (window's dB sum over the strength bands − the smallest window sum); uniform when all are equal.</summary>
    StrengthAdaptive,
}
