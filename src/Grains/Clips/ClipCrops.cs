namespace Ensemble.Grains.Clips;

/// <summary>The TTA crops of one clip, row-major [CropCount, MelBands, Frames].</summary>
public sealed record ClipCrops(float[] Values, int CropCount, int MelBands, int Frames)
{
    public void Validate(string clipName)
    {
        if (CropCount <= 0 || MelBands <= 0 || Frames <= 0 || Values.Length != CropCount * MelBands * Frames)
            throw new ArgumentException($"{clipName}: crops hold {Values.Length} values, expected {CropCount} × {MelBands} × {Frames}");
    }
}
