using System.Buffers.Binary;

namespace Ensemble.Audio.Decoding;

/// <summary>Turns stored sample bytes into floats in [-1, 1] (integer PCM divided by 2^(bits-1), 8-bit unsigned centred at 128).</summary>
internal static class SampleConverter
{
    /// <summary>Converts every sample, interleaved as stored.</summary>
    public static void ToFloat(ReadOnlySpan<byte> data, WavLayout layout, Span<float> destination)
    {
        var format = layout.Info.SampleFormat;
        switch (layout.BytesPerSample)
        {
            case 1 when format == WavSampleFormat.Pcm:
                for (var i = 0; i < destination.Length; i++)
                    destination[i] = (data[i] - 128) / 128f;
                break;
            case 2 when format == WavSampleFormat.Pcm:
                for (var i = 0; i < destination.Length; i++)
                    destination[i] = BinaryPrimitives.ReadInt16LittleEndian(data.Slice(2 * i, 2)) / 32768f;
                break;
            case 3 when format == WavSampleFormat.Pcm:
                for (var i = 0; i < destination.Length; i++)
                {
                    var j = 3 * i;
                    var value = data[j] | (data[j + 1] << 8) | ((sbyte)data[j + 2] << 16);
                    destination[i] = value / 8388608f;
                }
                break;
            case 4 when format == WavSampleFormat.Pcm:
                for (var i = 0; i < destination.Length; i++)
                    destination[i] = (float)(BinaryPrimitives.ReadInt32LittleEndian(data.Slice(4 * i, 4)) / 2147483648.0);
                break;
            case 4:
                for (var i = 0; i < destination.Length; i++)
                    destination[i] = BinaryPrimitives.ReadSingleLittleEndian(data.Slice(4 * i, 4));
                break;
            case 8:
                for (var i = 0; i < destination.Length; i++)
                    destination[i] = (float)BinaryPrimitives.ReadDoubleLittleEndian(data.Slice(8 * i, 8));
                break;
            default:
                throw new InvalidOperationException($"no converter for {layout.BytesPerSample}-byte {format}; the parser should have refused it");
        }
    }

    /// <summary>Averages the channels of each frame (in double) into <paramref name="mono"/>.</summary>
    public static void MixToMono(ReadOnlySpan<float> interleaved, int channels, Span<float> mono)
    {
        var scale = 1.0 / channels;
        for (var f = 0; f < mono.Length; f++)
        {
            double sum = 0;
            var frame = interleaved.Slice(f * channels, channels);
            for (var c = 0; c < channels; c++)
                sum += frame[c];
            mono[f] = (float)(sum * scale);
        }
    }
}
