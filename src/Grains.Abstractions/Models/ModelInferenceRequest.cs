namespace Ensemble.Grains.Abstractions.Models;

/// <summary>
/// The TTA crops of one clip for one model: <paramref name="Crops"/> holds <paramref name="CropCount"/> × MelBands ×
/// Frames float32 values, little-endian. Bytes, not float[]: Orleans spends 5 bytes per float element on the wire.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ModelInferenceRequest(
    [property: Id(0)] byte[] Crops,
    [property: Id(1)] int CropCount,
    [property: Id(2)] int MelBands,
    [property: Id(3)] int Frames)
{
    public const int BytesPerValue = sizeof(float);

    /// <summary>Builds a request from float crops, checking the shape.</summary>
    public static ModelInferenceRequest FromFloats(ReadOnlySpan<float> crops, int cropCount, int melBands, int frames)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cropCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(melBands);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frames);
        if (crops.Length != cropCount * melBands * frames)
            throw new ArgumentException($"crops hold {crops.Length} values, expected {cropCount} × {melBands} × {frames}", nameof(crops));
        var bytes = new byte[crops.Length * BytesPerValue];
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("crop encoding assumes a little-endian host");
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(crops).CopyTo(bytes);
        return new ModelInferenceRequest(bytes, cropCount, melBands, frames);
    }

    /// <summary>The crops as floats (a view, no copy); throws when the byte count does not match the shape.</summary>
    public ReadOnlySpan<float> CropValues()
    {
        var expected = (long)CropCount * MelBands * Frames * BytesPerValue;
        if (CropCount <= 0 || MelBands <= 0 || Frames <= 0 || Crops.LongLength != expected)
            throw new ArgumentException($"request holds {Crops.LongLength} bytes, expected {CropCount} × {MelBands} × {Frames} float32 = {expected}");
        return System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(Crops);
    }
}
