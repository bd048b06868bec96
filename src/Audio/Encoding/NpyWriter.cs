using System.Buffers.Binary;
using System.Globalization;

namespace Ensemble.Audio.Encoding;

/// <summary>Writes NumPy .npy files, format version 1.0: little-endian float32, C order (numpy.load reads them directly).</summary>
public static class NpyWriter
{
    private static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0];

    public static void Write(string path, ReadOnlySpan<float> values, params int[] shape)
    {
        using var stream = File.Create(path);
        Write(stream, values, shape);
    }

    public static void Write(Stream stream, ReadOnlySpan<float> values, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(shape);
        var count = 1L;
        foreach (var dimension in shape)
        {
            if (dimension < 0)
                throw new ArgumentException($"shape dimensions must be non-negative, got {dimension}", nameof(shape));
            count *= dimension;
        }
        if (count != values.Length)
            throw new ArgumentException($"shape ({string.Join(", ", shape)}) holds {count} values, {values.Length} given", nameof(shape));

        var shapeText = shape.Length == 1
            ? string.Create(CultureInfo.InvariantCulture, $"({shape[0]},)")
            : $"({string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture)))})";
        var header = $"{{'descr': '<f4', 'fortran_order': False, 'shape': {shapeText}, }}";
        // Magic (8) + header length (2) + header + padding + '\n' is a multiple of 64 bytes.
        var total = 10 + header.Length + 1;
        var padded = header + new string(' ', (64 - (total % 64)) % 64) + "\n";
        if (padded.Length > ushort.MaxValue)
            throw new ArgumentException("shape too long for an .npy v1.0 header", nameof(shape));

        stream.Write(Magic);
        Span<byte> length = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)padded.Length);
        stream.Write(length);
        stream.Write(System.Text.Encoding.ASCII.GetBytes(padded));
        var buffer = new byte[Math.Min(values.Length, 16384) * 4];
        for (var offset = 0; offset < values.Length; offset += buffer.Length / 4)
        {
            var chunk = values.Slice(offset, Math.Min(buffer.Length / 4, values.Length - offset));
            for (var i = 0; i < chunk.Length; i++)
                BinaryPrimitives.WriteSingleLittleEndian(buffer.AsSpan(4 * i), chunk[i]);
            stream.Write(buffer, 0, chunk.Length * 4);
        }
    }
}
