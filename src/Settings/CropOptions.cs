using System.Globalization;
using System.Text.Json.Serialization;

namespace Ensemble.Settings;

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


/// <summary>Crop parameters (RECIPE): 128-frame windows; strength from mel bins 0..83; wrap padding for short clips.</summary>
[GenerateSerializer, Immutable]
public sealed record CropOptions
{
    public const int DefaultCropWidthFrames = 128;
    public const int DefaultStrengthMelBands = 84;
    public const CropMode DefaultTrainingMode = CropMode.StrengthAdaptive;
    public const CropMode DefaultTtaMode = CropMode.StrengthAdaptive;

    public static CropOptions Default { get; } = new();

    [JsonConstructor]
    public CropOptions(
        int cropWidthFrames = DefaultCropWidthFrames,
        int strengthMelBands = DefaultStrengthMelBands,
        CropMode trainingMode = DefaultTrainingMode,
        CropMode ttaMode = DefaultTtaMode)
    {
        var problems = new OptionProblems(nameof(CropOptions));
        problems.Require(cropWidthFrames > 0, nameof(CropWidthFrames), $"must be positive, got {cropWidthFrames}");
        problems.Require(strengthMelBands > 0, nameof(StrengthMelBands), $"must be positive, got {strengthMelBands}");
        problems.Require(Enum.IsDefined(trainingMode), nameof(TrainingMode), $"unknown mode {trainingMode}");
        problems.Require(Enum.IsDefined(ttaMode), nameof(TtaMode), $"unknown mode {ttaMode}");
        problems.ThrowIfAny();
        CropWidthFrames = cropWidthFrames;
        StrengthMelBands = strengthMelBands;
        TrainingMode = trainingMode;
        TtaMode = ttaMode;
    }

    /// <summary>Frames per crop (128 ≈ 2 s at hop 694).</summary>
    [Id(0)]
    public int CropWidthFrames { get; }

    /// <summary>Mel bins 0..StrengthMelBands-1 are summed to rate a window's strength.</summary>
    [Id(1)]
    public int StrengthMelBands { get; }

    /// <summary>How training picks a crop.</summary>
    [Id(2)]
    public CropMode TrainingMode { get; }

    /// <summary>How validation/test TTA crops are picked (RECIPE does not say; strength-adaptive is our choice).</summary>
    [Id(3)]
    public CropMode TtaMode { get; }

    public string CanonicalString() => string.Create(CultureInfo.InvariantCulture,
        $"crop/v1;width={CropWidthFrames};strength_bands={StrengthMelBands};train={TrainingMode};tta={TtaMode};short=wrap");
}
