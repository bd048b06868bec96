namespace Ensemble.Grains.Abstractions.Models;

/// <summary>
/// The TTA crops of one clip for one model: <paramref name="Crops"/> holds <paramref name="CropCount"/> × MelBands ×
/// Frames float32 values, little-endian. Bytes, not float[]: Orleans spends 5 bytes per float element on the wire.
/// <paramref name="CropWeights"/> says how many TTA draws each distinct crop stands for (null: one each); the model
/// averages its crops' sigmoids with these weights.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ModelInferenceRequest(
    [property: Id(0)] byte[] Crops,
    [property: Id(1)] int CropCount,
    [property: Id(2)] int MelBands,
    [property: Id(3)] int Frames,
    [property: Id(4)] int[]? CropWeights = null)
{
    public const int BytesPerValue = sizeof(float);

    /// <summary>Builds a request from float crops, checking the shape.</summary>
    public static ModelInferenceRequest FromFloats(ReadOnlySpan<float> crops, int cropCount, int melBands, int frames, int[]? cropWeights = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cropCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(melBands);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frames);
        if (crops.Length != cropCount * melBands * frames)
            throw new ArgumentException($"crops hold {crops.Length} values, expected {cropCount} × {melBands} × {frames}", nameof(crops));
        CheckWeights(cropWeights, cropCount, "request");
        var bytes = new byte[crops.Length * BytesPerValue];
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("crop encoding assumes a little-endian host");
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(crops).CopyTo(bytes);
        return new ModelInferenceRequest(bytes, cropCount, melBands, frames, cropWeights);
    }

    /// <summary>The weight of each crop (all 1 when none were sent); throws when they do not match the crops.</summary>
    public int[] Weights()
    {
        CheckWeights(CropWeights, CropCount, "request");
        return CropWeights ?? Enumerable.Repeat(1, CropCount).ToArray();
    }

    /// <summary>Throws, naming <paramref name="subject"/>, unless the weights are absent or one positive count per crop.</summary>
    public static void CheckWeights(int[]? weights, int cropCount, string subject)
    {
        if (weights is not null && (weights.Length != cropCount || weights.Any(w => w <= 0)))
            throw new ArgumentException($"{subject}: {weights.Length} crop weights for {cropCount} crops; each must be positive", nameof(weights));
    }

    /// <summary>The crops as floats (a view, no copy); throws when the byte count does not match the shape.</summary>
    public ReadOnlySpan<float> CropValues() => System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(CropBytes().Span);

    /// <summary>The crops' float32 bytes (the message's own array, no copy); throws when the count does not match the shape.</summary>
    public ReadOnlyMemory<byte> CropBytes()
    {
        var expected = (long)CropCount * MelBands * Frames * BytesPerValue;
        if (CropCount <= 0 || MelBands <= 0 || Frames <= 0 || Crops.LongLength != expected)
            throw new ArgumentException($"request holds {Crops.LongLength} bytes, expected {CropCount} × {MelBands} × {Frames} float32 = {expected}");
        return Crops;
    }
}
