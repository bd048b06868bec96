namespace Ensemble.Training.Features;

/// <summary>A clip's log-mel as stored in the cache: row-major [MelBands, Frames] dB values.</summary>
public sealed record FeatureMatrix(float[] Values, int MelBands, int Frames)
{
    public FeatureMatrix Validate(string source)
    {
        if (MelBands <= 0 || Frames <= 0 || Values.Length != (long)MelBands * Frames)
            throw new InvalidDataException($"{source}: feature matrix {MelBands}×{Frames} holds {Values.Length} values");
        return this;
    }
}
