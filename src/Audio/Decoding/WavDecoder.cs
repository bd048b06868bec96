using Ensemble.Audio.Resampling;

namespace Ensemble.Audio.Decoding;

/// <summary>
/// Decodes RIFF/WAVE (PCM 8/16/24/32-bit, IEEE float 32/64, WAVE_FORMAT_EXTENSIBLE, 1-8 channels, 8-192 kHz)
/// into a mono clip at <see cref="WavDecoderOptions.TargetSampleRateHz"/>: channels averaged, then band-limited resampling.
/// Bad input throws <see cref="AudioFormatException"/>; non-finite float samples (NaN, ±Inf) are rejected, not zeroed.
/// </summary>
public static class WavDecoder
{
    public static AudioClip Decode(string path, WavDecoderOptions? options = null) =>
        Decode(ReadFile(path), path, options);

    public static AudioClip Decode(byte[] bytes, string source, WavDecoderOptions? options = null)
    {
        options ??= WavDecoderOptions.Default;
        var pcm = ReadPcm(bytes, source, options);
        var mono = SampleConverter.MixToMono(pcm.InterleavedSamples, pcm.Info.Channels);
        var rate = pcm.Info.SampleRateHz;
        if (options.TargetSampleRateHz is { } target && target != rate)
        {
            mono = SincResampler.Resample(mono, rate, target);
            rate = target;
        }
        return new AudioClip(mono, rate, source);
    }

    public static WavPcm ReadPcm(string path, WavDecoderOptions? options = null) =>
        ReadPcm(ReadFile(path), path, options);

    /// <summary>The samples as stored (interleaved, the file's rate), with the declared format.</summary>
    public static WavPcm ReadPcm(byte[] bytes, string source, WavDecoderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        options ??= WavDecoderOptions.Default;
        var layout = RiffWaveParser.Parse(bytes, source, options);
        var samples = new float[layout.Info.Frames * layout.Info.Channels];
        SampleConverter.ToFloat(bytes.AsSpan(layout.DataOffset, layout.DataLength), layout, samples);
        if (layout.Info.SampleFormat == WavSampleFormat.IeeeFloat)
            RejectNonFinite(samples, layout.Info.Channels, source);
        return new WavPcm(layout.Info, samples, source);
    }

    /// <summary>The declared format only; validates the header without converting samples.</summary>
    public static WavInfo ReadInfo(byte[] bytes, string source, WavDecoderOptions? options = null) =>
        RiffWaveParser.Parse(bytes, source, options ?? WavDecoderOptions.Default).Info;

    private static void RejectNonFinite(float[] samples, int channels, string source)
    {
        for (var i = 0; i < samples.Length; i++)
        {
            if (!float.IsFinite(samples[i]))
            {
                var kind = float.IsNaN(samples[i]) ? "NaN" : "an infinite value (or a 64-bit value beyond float range)";
                throw new AudioFormatException(source, $"sample {i / channels} of channel {i % channels} is {kind}; non-finite samples are rejected");
            }
        }
    }

    private static byte[] ReadFile(string path)
    {
        var length = new FileInfo(path).Length;
        if (length > Array.MaxLength)
            throw new AudioFormatException(path, $"the file has {length} bytes, more than one array can hold");
        return File.ReadAllBytes(path);
    }
}
