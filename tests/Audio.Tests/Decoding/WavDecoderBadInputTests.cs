using Ensemble.Audio.Decoding;
using Ensemble.Audio.Tests.Signals;
using Ensemble.Settings;

namespace Ensemble.Audio.Tests.Decoding;

/// <summary>One test per kind of bad input: each throws AudioFormatException naming the file and the problem.</summary>
public sealed class WavDecoderBadInputTests
{
    private const string Source = "bad.wav";

    private static AudioFormatException Rejects(byte[] bytes, string expectedProblem, WavDecoderOptions? options = null)
    {
        var error = Assert.Throws<AudioFormatException>(() => WavDecoder.Decode(bytes, Source, options));
        Assert.Equal(Source, error.File);
        Assert.StartsWith($"{Source}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expectedProblem, error.Problem, StringComparison.Ordinal);
        return error;
    }

    private static WavBytes Pcm16() => new WavBytes().Fmt(1, 1, 44100, 16);

    [Fact]
    public void Empty_file() => Rejects([], "empty");

    [Fact]
    public void Missing_file_and_dangling_link_name_the_path()
    {
        var folder = Directory.CreateTempSubdirectory("ensemble-missing-").FullName;
        try
        {
            var missing = Path.Combine(folder, "none.wav");
            var link = Path.Combine(folder, "link.wav");
            File.CreateSymbolicLink(link, missing);
            Assert.Contains("no such file", Assert.Throws<AudioFormatException>(() => WavDecoder.Decode(missing)).Problem, StringComparison.Ordinal);
            var error = Assert.Throws<AudioFormatException>(() => WavDecoder.Decode(link));
            Assert.Equal(link, error.File);
            Assert.Contains($"a symbolic link to '{missing}'", error.Problem, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Not_riff() => Rejects("OggS\0\0\0\0\0\0\0\0\0\0\0\0"u8.ToArray(), "not a RIFF file");

    [Fact]
    public void Big_endian_rifx() => Rejects("RIFX\0\0\0\0WAVE"u8.ToArray(), "RIFX");

    [Fact]
    public void Truncated_riff_header() => Rejects("RIFF\x10\0\0\0WA"u8.ToArray(), "truncated header");

    [Fact]
    public void Riff_but_not_wave() => Rejects("RIFF\x04\0\0\0AVI "u8.ToArray(), "not WAVE");

    [Fact]
    public void Truncated_chunk_header()
    {
        byte[] bytes = [.. Pcm16().Data(new byte[4]).Build(), (byte)'L', (byte)'I'];
        bytes[4] += 2; // the RIFF size covers the two stray bytes, so they are inside the chunk list
        Rejects(bytes, "truncated chunk header at byte 48");
    }

    [Fact]
    public void Bytes_after_the_riff_size_are_not_chunks() =>
        Assert.Single(WavDecoder.Decode([.. WavBytes.Pcm16Mono([7]), (byte)'I', (byte)'D', (byte)'3'], Source).Samples);

    [Fact]
    public void Missing_fmt_chunk() => Rejects(new WavBytes().Data(new byte[4]).Build(), "no 'fmt ' chunk");

    [Fact]
    public void Fmt_chunk_too_short() => Rejects(new WavBytes().Chunk("fmt ", new byte[10]).Data(new byte[4]).Build(), "'fmt ' chunk has 10 bytes");

    [Fact]
    public void Data_chunk_longer_than_the_file() =>
        Rejects(Pcm16().Data(new byte[100]).Build(dataSizeOverride: 1000), "declares 1000 bytes but only 100 remain");

    [Fact]
    public void Other_chunk_longer_than_the_file()
    {
        var bytes = Pcm16().Data(new byte[4]).Chunk("LIST", new byte[8]).Build();
        bytes[^12] = 0xFF; // LIST size low byte: 8 -> 255
        Rejects(bytes, "'LIST' chunk");
    }

    [Fact]
    public void Missing_data_chunk() => Rejects(Pcm16().Build(), "no 'data' chunk");

    [Fact]
    public void Zero_channels() => Rejects(new WavBytes().Fmt(1, 0, 44100, 16, blockAlign: 2).Data(new byte[4]).Build(), "zero channels");

    [Fact]
    public void Zero_sample_rate() => Rejects(new WavBytes().Fmt(1, 1, 0, 16).Data(new byte[4]).Build(), "sample rate of zero");

    [Fact]
    public void More_than_eight_channels() => Rejects(new WavBytes().Fmt(1, 9, 44100, 16).Data(new byte[18]).Build(), "9 channels");

    [Theory]
    [InlineData(4000)]
    [InlineData(384000)]
    public void Sample_rate_out_of_range(int rate) => Rejects(new WavBytes().Fmt(1, 1, rate, 16).Data(new byte[4]).Build(), $"sample rate {rate} Hz");

    [Fact]
    public void Adpcm_codec_is_named() => Rejects(new WavBytes().Fmt(2, 1, 44100, 4, blockAlign: 256).Data(new byte[256]).Build(), "unsupported codec: Microsoft ADPCM (format tag 0x0002)");

    [Fact]
    public void Mp3_in_wav_is_named() => Rejects(new WavBytes().Fmt(0x55, 2, 44100, 0, blockAlign: 1).Data(new byte[417]).Build(), "unsupported codec: MPEG Layer 3 (MP3)");

    [Fact]
    public void Unknown_codec_tag_is_named() => Rejects(new WavBytes().Fmt(0x1234, 1, 44100, 16).Data(new byte[4]).Build(), "format tag 0x1234");

    [Fact]
    public void Extensible_with_an_unsupported_sub_format() =>
        Rejects(new WavBytes().FmtExtensible(0x11, 1, 44100, 16, 16).Data(new byte[4]).Build(), "IMA ADPCM (format tag 0x0011) inside WAVE_FORMAT_EXTENSIBLE");

    [Fact]
    public void Extensible_fmt_chunk_too_short() =>
        Rejects(new WavBytes().Fmt(0xFFFE, 1, 44100, 16).Data(new byte[4]).Build(), "WAVE_FORMAT_EXTENSIBLE needs a 40-byte");

    [Fact]
    public void Unsupported_sample_width() => Rejects(new WavBytes().Fmt(3, 1, 44100, 16).Data(new byte[4]).Build(), "16-bit IEEE float is not supported");

    [Fact]
    public void Block_align_mismatch() => Rejects(new WavBytes().Fmt(1, 2, 44100, 16, blockAlign: 2).Data(new byte[4]).Build(), "block align 2");

    [Fact]
    public void Data_not_a_whole_number_of_frames() => Rejects(Pcm16().Data(new byte[5]).Build(), "not a whole number of 2-byte frames");

    [Fact]
    public void Empty_data_chunk() => Rejects(Pcm16().Data([]).Build(), "holds no samples");

    [Fact]
    public void Nan_float_sample_is_rejected() =>
        Rejects(new WavBytes().Fmt(3, 2, 44100, 32).Data(WavBytes.Float32Data([0f, 0f, 0f, float.NaN])).Build(), "sample 1 of channel 1 is NaN");

    [Fact]
    public void Infinite_float_sample_is_rejected() =>
        Rejects(new WavBytes().Fmt(3, 1, 44100, 32).Data(WavBytes.Float32Data([float.NegativeInfinity])).Build(), "sample 0 of channel 0 is an infinite value");

    [Fact]
    public void Float64_sample_beyond_float_range_is_rejected() =>
        Rejects(new WavBytes().Fmt(3, 1, 44100, 64).Data(WavBytes.Float64Data([1e300])).Build(), "infinite value");

    [Fact]
    public void Clip_longer_than_the_limit()
    {
        Assert.Equal(600, WavDecoderOptions.DefaultMaxDurationSeconds);
        Rejects(WavBytes.Pcm16Mono(new short[8000], 8000), "lasts 1 s, longer than the 0.5 s limit", new WavDecoderOptions(maxDurationSeconds: 0.5));
    }

    [Fact]
    public void Huge_declared_sizes_allocate_no_more_than_the_file()
    {
        var bytes = Pcm16().Data(new byte[16]).Build(dataSizeOverride: uint.MaxValue);
        Rejects(bytes, "data chunk declares"); // warm up: JIT and message formatting allocate once.
        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<AudioFormatException>(() => WavDecoder.Decode(bytes, Source));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 16 * 1024, $"allocated {allocated} bytes for a {bytes.Length}-byte file");
    }
}
