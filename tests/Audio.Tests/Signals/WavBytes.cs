using System.Buffers.Binary;

namespace Ensemble.Audio.Tests.Signals;

/// <summary>Builds RIFF/WAVE files byte by byte, including malformed ones, for decoder tests.</summary>
internal sealed class WavBytes
{
    private readonly List<(string Id, byte[] Body)> _chunks = [];

    public static byte[] Pcm16Mono(short[] samples, int rate = 44100) =>
        new WavBytes().Fmt(1, 1, rate, 16).Data(Int16Data(samples)).Build();

    public static byte[] Int16Data(short[] samples)
    {
        var bytes = new byte[samples.Length * 2];
        for (var i = 0; i < samples.Length; i++)
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(2 * i), samples[i]);
        return bytes;
    }

    public static byte[] Float32Data(float[] samples)
    {
        var bytes = new byte[samples.Length * 4];
        for (var i = 0; i < samples.Length; i++)
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), samples[i]);
        return bytes;
    }

    public static byte[] Float64Data(double[] samples)
    {
        var bytes = new byte[samples.Length * 8];
        for (var i = 0; i < samples.Length; i++)
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(8 * i), samples[i]);
        return bytes;
    }

    public WavBytes Fmt(ushort formatTag, int channels, int rate, int bits, int? blockAlign = null)
    {
        var body = new byte[16];
        var align = blockAlign ?? (channels * ((bits + 7) / 8));
        BinaryPrimitives.WriteUInt16LittleEndian(body, formatTag);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(2), (ushort)channels);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(4), (uint)rate);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(8), (uint)(rate * align));
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(12), (ushort)align);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(14), (ushort)bits);
        return Chunk("fmt ", body);
    }

    public WavBytes FmtExtensible(ushort subFormat, int channels, int rate, int containerBits, int validBits)
    {
        var body = new byte[40];
        var align = channels * (containerBits / 8);
        BinaryPrimitives.WriteUInt16LittleEndian(body, 0xFFFE);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(2), (ushort)channels);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(4), (uint)rate);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(8), (uint)(rate * align));
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(12), (ushort)align);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(14), (ushort)containerBits);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(16), 22);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(18), (ushort)validBits);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(20), channels == 1 ? 0x4u : 0x3u);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(24), subFormat);
        byte[] tail = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];
        tail.CopyTo(body.AsSpan(26));
        return Chunk("fmt ", body);
    }

    public WavBytes Data(byte[] body) => Chunk("data", body);

    public WavBytes Chunk(string id, byte[] body)
    {
        _chunks.Add((id, body));
        return this;
    }

    /// <summary>Writes the chunks with even padding; <paramref name="dataSizeOverride"/> lies about the data chunk's size.</summary>
    public byte[] Build(uint? dataSizeOverride = null)
    {
        using var stream = new MemoryStream();
        stream.Write("RIFF"u8);
        stream.Write(new byte[4]);
        stream.Write("WAVE"u8);
        Span<byte> size = stackalloc byte[4];
        foreach (var (id, body) in _chunks)
        {
            stream.Write(System.Text.Encoding.ASCII.GetBytes(id));
            BinaryPrimitives.WriteUInt32LittleEndian(size, id == "data" && dataSizeOverride is { } o ? o : (uint)body.Length);
            stream.Write(size);
            stream.Write(body);
            if (body.Length % 2 == 1)
                stream.WriteByte(0);
        }
        var bytes = stream.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), (uint)(bytes.Length - 8));
        return bytes;
    }
}
