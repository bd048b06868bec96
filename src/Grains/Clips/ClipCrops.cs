using Ensemble.Grains.Abstractions.Models;

namespace Ensemble.Grains.Clips;

/// <summary>
/// The distinct TTA crops of one clip, row-major [CropCount, MelBands, Frames], and how many of the manifest's TTA draws
/// each stands for (<see cref="Weights"/>, one per crop; null means one each).
/// </summary>
public sealed record ClipCrops(float[] Values, int CropCount, int MelBands, int Frames, int[]? Weights = null)
{
    public void Validate(string clipName)
    {
        if (CropCount <= 0 || MelBands <= 0 || Frames <= 0 || Values.Length != CropCount * MelBands * Frames)
            throw new ArgumentException($"{clipName}: crops hold {Values.Length} values, expected {CropCount} × {MelBands} × {Frames}");
        ModelInferenceRequest.CheckWeights(Weights, CropCount, clipName);
    }
}
