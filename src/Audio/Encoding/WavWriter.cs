using System.Buffers.Binary;

namespace Ensemble.Audio.Encoding;

/// <summary>Writes mono RIFF/WAVE files: 16-bit PCM (rounded, clipped to the 16-bit range) or 32-bit IEEE float.</summary>
public static class WavWriter
{
    private const int HeaderBytes = 44;

    public static void WritePcm16(string path, AudioClip clip)
    {
        ArgumentNullException.ThrowIfNull(clip);
        File.WriteAllBytes(path, ToPcm16Bytes(clip.Samples, clip.SampleRateHz));
    }

    public static void WriteFloat32(string path, AudioClip clip)
    {
        ArgumentNullException.ThrowIfNull(clip);
        File.WriteAllBytes(path, ToFloat32Bytes(clip.Samples, clip.SampleRateHz));
    }

    public static byte[] ToPcm16Bytes(ReadOnlySpan<float> samples, int sampleRateHz)
    {
        var bytes = Header(samples.Length, sampleRateHz, formatTag: 1, bitsPerSample: 16);
        var data = bytes.AsSpan(HeaderBytes);
        for (var i = 0; i < samples.Length; i++)
        {
            if (float.IsNaN(samples[i]))
                throw NonFinite(i, nameof(samples));
            var scaled = Math.Round(samples[i] * 32768.0, MidpointRounding.ToEven);
            var value = (short)Math.Clamp(scaled, short.MinValue, short.MaxValue);
            BinaryPrimitives.WriteInt16LittleEndian(data.Slice(2 * i, 2), value);
        }
        return bytes;
    }

    public static byte[] ToFloat32Bytes(ReadOnlySpan<float> samples, int sampleRateHz)
    {
        var bytes = Header(samples.Length, sampleRateHz, formatTag: 3, bitsPerSample: 32);
        var data = bytes.AsSpan(HeaderBytes);
        for (var i = 0; i < samples.Length; i++)
        {
            if (!float.IsFinite(samples[i]))
                throw NonFinite(i, nameof(samples));
            BinaryPrimitives.WriteSingleLittleEndian(data.Slice(4 * i, 4), samples[i]);
        }
        return bytes;
    }

    private static ArgumentException NonFinite(int index, string paramName) =>
        new($"sample {index} is not finite; WAV output refuses NaN and infinity", paramName);

    private static byte[] Header(int sampleCount, int sampleRateHz, ushort formatTag, ushort bitsPerSample)
    {
        if (sampleRateHz <= 0)
            throw new ArgumentException($"sampleRateHz must be positive, got {sampleRateHz}", nameof(sampleRateHz));
        var bytesPerSample = bitsPerSample / 8;
        var dataBytes = checked(sampleCount * bytesPerSample);
        var bytes = new byte[checked(HeaderBytes + dataBytes + (dataBytes & 1))];
        var span = bytes.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], (uint)(bytes.Length - 8));
        "WAVE"u8.CopyTo(span[8..]);
        "fmt "u8.CopyTo(span[12..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(span[20..], formatTag);
        BinaryPrimitives.WriteUInt16LittleEndian(span[22..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(span[24..], (uint)sampleRateHz);
        BinaryPrimitives.WriteUInt32LittleEndian(span[28..], (uint)(sampleRateHz * bytesPerSample));
        BinaryPrimitives.WriteUInt16LittleEndian(span[32..], (ushort)bytesPerSample);
        BinaryPrimitives.WriteUInt16LittleEndian(span[34..], bitsPerSample);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[40..], (uint)dataBytes);
        return bytes;
    }
}
