using System.Reflection;
using System.Text;
using Ensemble.Audio.Encoding;

namespace Ensemble.Fuzz.Targets;

/// <summary>Seed inputs: the repository's real files (embedded) and WAV files of every layout the decoder accepts, made in code.</summary>
internal static class SeedFiles
{
    public static byte[] Embedded(string name)
    {
        using var stream = typeof(SeedFiles).Assembly.GetManifestResourceStream("seeds/" + name)
            ?? throw new InvalidOperationException($"seed '{name}' is not embedded in {typeof(SeedFiles).Assembly.GetName().Name}");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    public static byte[] Text(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Short WAV files: PCM 8/16/24/32-bit, float, stereo, WAVE_FORMAT_EXTENSIBLE, an extra chunk, odd rates.</summary>
    public static IReadOnlyList<byte[]> Wavs()
    {
        var tone = new float[200];
        for (var i = 0; i < tone.Length; i++)
            tone[i] = 0.5f * MathF.Sin(i * 0.3f);
        return
        [
            WavWriter.ToPcm16Bytes(tone, 44100),
            WavWriter.ToPcm16Bytes(tone, 16000),
            WavWriter.ToFloat32Bytes(tone, 48000),
            Pcm(tone, 8000, bits: 8, channels: 1),
            Pcm(tone, 22050, bits: 24, channels: 2),
            Pcm(tone, 44100, bits: 32, channels: 1),
            Pcm(tone, 44100, bits: 16, channels: 2, extensible: true),
            Pcm(tone, 11025, bits: 16, channels: 1, extraChunk: "LIST"),
        ];
    }

    // Written here rather than by WavWriter because the seeds need layouts the product never writes.
    private static byte[] Pcm(float[] samples, int rateHz, int bits, int channels, bool extensible = false, string? extraChunk = null)
    {
        var bytesPerSample = bits / 8;
        var data = new byte[samples.Length * channels * bytesPerSample];
        var offset = 0;
        foreach (var sample in samples)
        {
            for (var c = 0; c < channels; c++)
            {
                var value = bits == 8 ? (long)(sample * 127 + 128) : (long)(sample * ((1L << (bits - 1)) - 1));
                for (var b = 0; b < bytesPerSample; b++)
                    data[offset++] = (byte)(value >> (8 * b));
            }
        }
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        var formatLength = extensible ? 40 : 16;
        var extra = extraChunk is null ? 0 : 8 + 4;
        writer.Write("RIFF"u8);
        writer.Write(4 + 8 + formatLength + extra + 8 + data.Length);
        writer.Write("WAVE"u8);
        writer.Write("fmt "u8);
        writer.Write(formatLength);
        writer.Write((ushort)(extensible ? 0xFFFE : 1));
        writer.Write((ushort)channels);
        writer.Write(rateHz);
        writer.Write(rateHz * channels * bytesPerSample);
        writer.Write((ushort)(channels * bytesPerSample));
        writer.Write((ushort)bits);
        if (extensible)
        {
            writer.Write((ushort)22);
            writer.Write((ushort)bits);
            writer.Write(channels == 2 ? 3 : 4);
            // KSDATAFORMAT_SUBTYPE_PCM: 00000001-0000-0010-8000-00aa00389b71.
            writer.Write(new Guid("00000001-0000-0010-8000-00aa00389b71").ToByteArray());
        }
        if (extraChunk is not null)
        {
            writer.Write(Encoding.ASCII.GetBytes(extraChunk));
            writer.Write(4);
            writer.Write("INFO"u8);
        }
        writer.Write("data"u8);
        writer.Write(data.Length);
        writer.Write(data);
        writer.Flush();
        return stream.ToArray();
    }
}
