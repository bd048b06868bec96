using Ensemble.Audio.Resampling;
using Ensemble.Settings;

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
        ArgumentNullException.ThrowIfNull(bytes);
        options ??= WavDecoderOptions.Default;
        var layout = RiffWaveParser.Parse(bytes, source, options);
        var mono = MixToMono(bytes, layout, source);
        var rate = layout.Info.SampleRateHz;
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
            RejectNonFinite(samples, layout.Info.Channels, 0, source);
        return new WavPcm(layout.Info, samples, source);
    }

    /// <summary>The declared format only; validates the header without converting samples.</summary>
    public static WavInfo ReadInfo(byte[] bytes, string source, WavDecoderOptions? options = null) =>
        RiffWaveParser.Parse(bytes, source, options ?? WavDecoderOptions.Default).Info;

    /// <summary>Converts and averages block by block, so a multichannel file never needs an interleaved float copy.</summary>
    private static float[] MixToMono(byte[] bytes, WavLayout layout, string source)
    {
        var info = layout.Info;
        var mono = new float[info.Frames];
        if (info.Channels == 1)
        {
            SampleConverter.ToFloat(bytes.AsSpan(layout.DataOffset, layout.DataLength), layout, mono);
            if (info.SampleFormat == WavSampleFormat.IeeeFloat)
                RejectNonFinite(mono, 1, 0, source);
            return mono;
        }
        const int BlockFrames = 4096;
        var frameBytes = info.Channels * layout.BytesPerSample;
        var block = new float[Math.Min(info.Frames, BlockFrames) * info.Channels];
        for (var first = 0; first < info.Frames; first += BlockFrames)
        {
            var frames = (int)Math.Min(BlockFrames, info.Frames - first);
            var samples = block.AsSpan(0, frames * info.Channels);
            SampleConverter.ToFloat(bytes.AsSpan(layout.DataOffset + (first * frameBytes), frames * frameBytes), layout, samples);
            if (info.SampleFormat == WavSampleFormat.IeeeFloat)
                RejectNonFinite(samples, info.Channels, first, source);
            SampleConverter.MixToMono(samples, info.Channels, mono.AsSpan(first, frames));
        }
        return mono;
    }

    private static void RejectNonFinite(ReadOnlySpan<float> samples, int channels, int firstFrame, string source)
    {
        for (var i = 0; i < samples.Length; i++)
        {
            if (!float.IsFinite(samples[i]))
            {
                var kind = float.IsNaN(samples[i]) ? "NaN" : "an infinite value (or a 64-bit value beyond float range)";
                throw new AudioFormatException(source, $"sample {firstFrame + (i / channels)} of channel {i % channels} is {kind}; non-finite samples are rejected");
            }
        }
    }

    /// <summary>
    /// A WAV file's bytes. A missing file, a dangling symbolic link or a file we may not read is bad input like a bad
    /// header (an <see cref="AudioFormatException"/> naming it), so callers that process many clips report it for that
    /// clip and carry on with the others.
    /// </summary>
    /// <param name="maxBytes">A larger file is refused before a byte is read (a server's upload limit; by default what
    /// one array can hold).</param>
    public static byte[] ReadFile(string path, long maxBytes = long.MaxValue)
    {
        try
        {
            var length = new FileInfo(path).Length;
            if (length > maxBytes)
                throw new AudioFormatException(path, $"{length} bytes, more than the {maxBytes} a clip may have");
            if (length > Array.MaxLength)
                throw new AudioFormatException(path, $"the file has {length} bytes, more than one array can hold");
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AudioFormatException(path, $"cannot be read ({DescribeUnreadable(path, e)})", e);
        }
    }

    private static string DescribeUnreadable(string path, Exception e) =>
        e is FileNotFoundException && new FileInfo(path).LinkTarget is { } target ? $"a symbolic link to '{target}', which does not exist"
        : e is FileNotFoundException ? "no such file"
        : e.Message;
}
