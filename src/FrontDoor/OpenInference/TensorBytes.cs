using System.Buffers.Binary;
using System.Text;

namespace Ensemble.FrontDoor.OpenInference;

/// <summary>
/// Tensors as raw bytes, as both protocols carry them (HTTP's binary tensor data, gRPC's raw contents): FP32
/// little-endian, and each BYTES element as a 4-byte little-endian length followed by its bytes.
/// </summary>
internal static class TensorBytes
{
    public const int LengthPrefix = sizeof(uint);

    public static byte[] Fp32(float[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var bytes = new byte[values.Length * sizeof(float)];
        for (var i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), values[i]);
        return bytes;
    }

    public static byte[] BytesElements(string[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        using var stream = new MemoryStream();
        Span<byte> length = stackalloc byte[LengthPrefix];
        foreach (var value in values)
        {
            var utf8 = Encoding.UTF8.GetBytes(value);
            BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)utf8.Length);
            stream.Write(length);
            stream.Write(utf8);
        }
        return stream.ToArray();
    }

    /// <summary>The one BYTES element that <paramref name="raw"/> holds, exactly: its length prefix must account for
    /// every byte after it. <paramref name="source"/> names the bytes in the error.</summary>
    public static byte[] SingleBytesElement(ReadOnlySpan<byte> raw, string source)
    {
        if (raw.Length < LengthPrefix)
            throw new InferenceRequestException($"input '{InferenceModel.AudioInput}': {source} cannot hold a BYTES element's {LengthPrefix}-byte length");
        var element = BinaryPrimitives.ReadUInt32LittleEndian(raw);
        if (element != raw.Length - LengthPrefix)
            throw new InferenceRequestException($"input '{InferenceModel.AudioInput}': the BYTES element says {element} bytes, {source} leaves {raw.Length - LengthPrefix} after its {LengthPrefix}-byte length");
        return raw[LengthPrefix..].ToArray();
    }
}
