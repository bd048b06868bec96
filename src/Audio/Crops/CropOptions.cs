using System.Globalization;
using System.Text.Json.Serialization;

namespace Ensemble.Audio.Crops;

/// <summary>Crop parameters (RECIPE): 128-frame windows; strength from mel bins 0..83; wrap padding for short clips.</summary>
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
        Require(cropWidthFrames > 0, nameof(CropWidthFrames), $"must be positive, got {cropWidthFrames}");
        Require(strengthMelBands > 0, nameof(StrengthMelBands), $"must be positive, got {strengthMelBands}");
        Require(Enum.IsDefined(trainingMode), nameof(TrainingMode), $"unknown mode {trainingMode}");
        Require(Enum.IsDefined(ttaMode), nameof(TtaMode), $"unknown mode {ttaMode}");
        CropWidthFrames = cropWidthFrames;
        StrengthMelBands = strengthMelBands;
        TrainingMode = trainingMode;
        TtaMode = ttaMode;
    }

    /// <summary>Frames per crop (128 ≈ 2 s at hop 694).</summary>
    public int CropWidthFrames { get; }

    /// <summary>Mel bins 0..StrengthMelBands-1 are summed to rate a window's strength.</summary>
    public int StrengthMelBands { get; }

    /// <summary>How training picks a crop.</summary>
    public CropMode TrainingMode { get; }

    /// <summary>How validation/test TTA crops are picked (RECIPE does not say; strength-adaptive is our choice).</summary>
    public CropMode TtaMode { get; }

    public string CanonicalString() => string.Create(CultureInfo.InvariantCulture,
        $"crop/v1;width={CropWidthFrames};strength_bands={StrengthMelBands};train={TrainingMode};tta={TtaMode};short=wrap");

    private static void Require(bool condition, string field, string problem)
    {
        if (!condition)
            throw new ArgumentException($"CropOptions.{field} {problem}", field);
    }
}
