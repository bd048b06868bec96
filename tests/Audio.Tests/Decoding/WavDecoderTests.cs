using Ensemble.Audio.Decoding;
using Ensemble.Audio.Tests.Signals;
using Ensemble.Settings;

namespace Ensemble.Audio.Tests.Decoding;

public sealed class WavDecoderTests
{
    private const string Source = "clip.wav";
    private static readonly WavDecoderOptions NativeRate = new(targetSampleRateHz: null);

    [Fact]
    public void Pcm16_is_divided_by_32768()
    {
        var clip = WavDecoder.Decode(WavBytes.Pcm16Mono([0, 16384, -32768, 32767]), Source);
        Assert.Equal([0f, 0.5f, -1f, 32767f / 32768f], clip.Samples);
        Assert.Equal(44100, clip.SampleRateHz);
        Assert.Equal(Source, clip.Source);
    }

    [Fact]
    public void Pcm8_is_unsigned_around_128()
    {
        var bytes = new WavBytes().Fmt(1, 1, 44100, 8).Data([0, 128, 255]).Build();
        Assert.Equal([-1f, 0f, 127f / 128f], WavDecoder.Decode(bytes, Source).Samples);
    }

    [Fact]
    public void Pcm24_is_sign_extended()
    {
        var bytes = new WavBytes().Fmt(1, 1, 44100, 24).Data([0x00, 0x00, 0x40, 0x00, 0x00, 0x80, 0xFF, 0xFF, 0xFF]).Build();
        Assert.Equal([0.5f, -1f, -1f / 8388608f], WavDecoder.Decode(bytes, Source).Samples);
    }

    [Fact]
    public void Pcm32_is_divided_by_2_to_the_31()
    {
        var bytes = new WavBytes().Fmt(1, 1, 44100, 32).Data([0x00, 0x00, 0x00, 0x80, 0x00, 0x00, 0x00, 0x40]).Build();
        Assert.Equal([-1f, 0.5f], WavDecoder.Decode(bytes, Source).Samples);
    }

    [Fact]
    public void Float32_passes_through_unclipped()
    {
        var bytes = new WavBytes().Fmt(3, 1, 44100, 32).Data(WavBytes.Float32Data([0.25f, -1.5f, 2f])).Build();
        Assert.Equal([0.25f, -1.5f, 2f], WavDecoder.Decode(bytes, Source).Samples);
    }

    [Fact]
    public void Float64_is_narrowed_to_float()
    {
        var bytes = new WavBytes().Fmt(3, 1, 44100, 64).Data(WavBytes.Float64Data([0.125, -0.75])).Build();
        Assert.Equal([0.125f, -0.75f], WavDecoder.Decode(bytes, Source).Samples);
    }

    [Fact]
    public void Extensible_pcm_24_in_a_24_bit_container_is_read()
    {
        var bytes = new WavBytes().FmtExtensible(1, 1, 48000, 24, 20).Data([0x00, 0x00, 0x40]).Build();
        var pcm = WavDecoder.ReadPcm(bytes, Source);
        Assert.True(pcm.Info.Extensible);
        Assert.Equal(WavSampleFormat.Pcm, pcm.Info.SampleFormat);
        Assert.Equal([0.5f], pcm.InterleavedSamples);
    }

    [Fact]
    public void Extensible_float_is_read()
    {
        var bytes = new WavBytes().FmtExtensible(3, 2, 44100, 32, 32).Data(WavBytes.Float32Data([0.5f, 0.25f])).Build();
        var clip = WavDecoder.Decode(bytes, Source);
        Assert.Equal([0.375f], clip.Samples);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Channels_are_averaged_to_mono(int channels)
    {
        // Frame 0: channel c holds c+1 (×1/64); frame 1: all channels -0.5.
        var samples = new short[channels * 2];
        for (var c = 0; c < channels; c++)
        {
            samples[c] = (short)((c + 1) * 512);
            samples[channels + c] = -16384;
        }
        var bytes = new WavBytes().Fmt(1, channels, 44100, 16).Data(WavBytes.Int16Data(samples)).Build();
        var clip = WavDecoder.Decode(bytes, Source);
        Assert.Equal(2, clip.Samples.Length);
        Assert.Equal((channels + 1) / 2.0 / 64, clip.Samples[0], 6);
        Assert.Equal(-0.5, clip.Samples[1], 6);
    }

    [Fact]
    public void List_fact_bext_junk_chunks_and_odd_padding_are_skipped()
    {
        var bytes = new WavBytes()
            .Chunk("JUNK", new byte[27])
            .Fmt(1, 1, 44100, 16)
            .Chunk("fact", [1, 0, 0, 0])
            .Chunk("bext", new byte[603])
            .Chunk("LIST", "INFOISFT\u0005\0\0\0abcd\0"u8.ToArray())
            .Data(WavBytes.Int16Data([1000, -1000]))
            .Chunk("junk", new byte[1])
            .Build();
        Assert.Equal([1000f / 32768, -1000f / 32768], WavDecoder.Decode(bytes, Source).Samples);
    }

    [Fact]
    public void Odd_sized_data_chunk_with_its_pad_byte_is_read()
    {
        var bytes = new WavBytes().Fmt(1, 1, 44100, 8).Data([128, 192, 64]).Chunk("LIST", new byte[4]).Build();
        Assert.Equal([0f, 0.5f, -0.5f], WavDecoder.Decode(bytes, Source).Samples);
    }

    [Fact]
    public void Multichannel_mixdown_spans_conversion_blocks()
    {
        var frames = 10000;
        var samples = new float[frames * 3];
        for (var f = 0; f < frames; f++)
            for (var c = 0; c < 3; c++)
                samples[(f * 3) + c] = (f % 100) / 100f * (c + 1) / 2;
        var clip = WavDecoder.Decode(new WavBytes().Fmt(3, 3, 44100, 32).Data(WavBytes.Float32Data(samples)).Build(), Source);
        Assert.Equal(frames, clip.Samples.Length);
        Assert.Equal(99 / 100.0, clip.Samples[9999], 6);
        samples[(9000 * 3) + 2] = float.NaN;
        var error = Assert.Throws<AudioFormatException>(() => WavDecoder.Decode(new WavBytes().Fmt(3, 3, 44100, 32).Data(WavBytes.Float32Data(samples)).Build(), Source));
        Assert.Contains("sample 9000 of channel 2 is NaN", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Silent_clip_is_valid()
    {
        var clip = WavDecoder.Decode(WavBytes.Pcm16Mono(new short[4410]), Source);
        Assert.All(clip.Samples, s => Assert.Equal(0f, s));
        Assert.Equal(0.1, clip.DurationSeconds, 9);
    }

    [Fact]
    public void One_sample_clip_is_valid_at_every_rate()
    {
        Assert.Single(WavDecoder.Decode(WavBytes.Pcm16Mono([100]), Source).Samples);
        Assert.Single(WavDecoder.Decode(WavBytes.Pcm16Mono([100], 48000), Source).Samples);
        Assert.Equal(6, WavDecoder.Decode(WavBytes.Pcm16Mono([100], 8000), Source).Samples.Length);
    }

    [Theory]
    [InlineData(8000)]
    [InlineData(22050)]
    [InlineData(48000)]
    [InlineData(96000)]
    [InlineData(192000)]
    [InlineData(44099)]
    public void Other_rates_are_resampled_to_44100(int rate)
    {
        var samples = Array.ConvertAll(Tones.Sine(440, rate, rate / 10), x => (short)(x * 32767));
        var clip = WavDecoder.Decode(WavBytes.Pcm16Mono(samples, rate), Source);
        Assert.Equal(44100, clip.SampleRateHz);
        Assert.Equal(((rate / 10 * 44100L) + rate - 1) / rate, clip.Samples.Length);
        Assert.Equal(0.5 / Math.Sqrt(2), Tones.Rms(clip.Samples.AsSpan(1000, 2000)), 2);
    }

    [Fact]
    public void A_30_kHz_tone_in_a_96_kHz_file_is_gone_after_resampling()
    {
        var rate = 96000;
        var loud = WavBytes.Float32Data(Tones.SineF(30000, rate, rate / 2, 1.0));
        var clip = WavDecoder.Decode(new WavBytes().Fmt(3, 1, rate, 32).Data(loud).Build(), Source);
        // Away from the edges (where the kernel is cut by the clip's ends) the tone must be at least 80 dB down.
        var interior = clip.Samples.AsSpan(2000, clip.Samples.Length - 4000);
        var levelDb = 20 * Math.Log10(Tones.Rms(interior) / Math.Sqrt(0.5));
        Assert.True(levelDb < -80, $"30 kHz tone at {levelDb:0.0} dB after resampling");
    }

    [Fact]
    public void Native_rate_option_keeps_the_file_rate()
    {
        var clip = WavDecoder.Decode(WavBytes.Pcm16Mono([1, 2, 3], 48000), Source, NativeRate);
        Assert.Equal(48000, clip.SampleRateHz);
        Assert.Equal(3, clip.Samples.Length);
    }

    [Fact]
    public void ReadInfo_reports_the_declared_format()
    {
        var bytes = new WavBytes().Fmt(1, 2, 22050, 24).Data(new byte[6 * 100]).Build();
        var info = WavDecoder.ReadInfo(bytes, Source);
        Assert.Equal(new WavInfo(WavSampleFormat.Pcm, false, 24, 2, 22050, 100), info);
        Assert.Equal("PCM 24-bit", info.Describe());
    }

    [Fact]
    public void Decode_from_path_names_the_path_in_errors()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ensemble-{Guid.NewGuid():N}.wav");
        try
        {
            File.WriteAllBytes(path, WavBytes.Pcm16Mono([5, 6]));
            Assert.Equal(2, WavDecoder.Decode(path).Samples.Length);
            File.WriteAllBytes(path, []);
            var error = Assert.Throws<AudioFormatException>(() => WavDecoder.Decode(path));
            Assert.Equal(path, error.File);
            Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
