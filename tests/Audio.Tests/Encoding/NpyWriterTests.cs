using System.Buffers.Binary;
using Ensemble.Audio.Encoding;

namespace Ensemble.Audio.Tests.Encoding;

public sealed class NpyWriterTests
{
    private static byte[] Write(float[] values, params int[] shape)
    {
        using var stream = new MemoryStream();
        NpyWriter.Write(stream, values, shape);
        return stream.ToArray();
    }

    [Fact]
    public void Header_is_version_1_0_and_64_byte_aligned()
    {
        var bytes = Write([1, 2, 3, 4, 5, 6], 2, 3);
        Assert.Equal([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0], bytes[..8]);
        var headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
        Assert.Equal(0, (10 + headerLength) % 64);
        var header = System.Text.Encoding.ASCII.GetString(bytes, 10, headerLength);
        Assert.StartsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", header, StringComparison.Ordinal);
        Assert.EndsWith("\n", header, StringComparison.Ordinal);
        Assert.Equal(10 + headerLength + 24, bytes.Length);
        Assert.Equal(6f, BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(bytes.Length - 4)));
    }

    [Fact]
    public void One_dimensional_shape_has_a_trailing_comma() =>
        Assert.Contains("'shape': (3,)", System.Text.Encoding.ASCII.GetString(Write([1, 2, 3], 3)), StringComparison.Ordinal);

    [Fact]
    public void Large_arrays_are_written_in_chunks()
    {
        var values = Enumerable.Range(0, 40000).Select(i => (float)i).ToArray();
        var bytes = Write(values, 200, 200);
        Assert.Equal(39999f, BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(bytes.Length - 4)));
        Assert.Equal(128 + (40000 * 4), bytes.Length);
    }

    [Fact]
    public void Shape_must_match_the_values() => Assert.Throws<ArgumentException>(() => Write([1, 2, 3], 2, 2));
}
