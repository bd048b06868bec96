using Ensemble.Audio.Decoding;
using Ensemble.Audio.Encoding;
using Ensemble.Settings;

namespace Ensemble.Audio.Tests.Encoding;

public sealed class WavWriterTests
{
    [Fact]
    public void Pcm16_round_trips_through_the_decoder()
    {
        float[] samples = [0f, 0.5f, -1f, 32767f / 32768f];
        var clip = WavDecoder.Decode(WavWriter.ToPcm16Bytes(samples, 44100), "out.wav");
        Assert.Equal(samples, clip.Samples);
        Assert.Equal(44 + 8, WavWriter.ToPcm16Bytes(samples, 44100).Length);
    }

    [Fact]
    public void Pcm16_clips_out_of_range_samples()
    {
        var clip = WavDecoder.Decode(WavWriter.ToPcm16Bytes([2f, -3f], 16000), "out.wav", new WavDecoderOptions(targetSampleRateHz: null));
        Assert.Equal([32767f / 32768f, -1f], clip.Samples);
        Assert.Equal(16000, clip.SampleRateHz);
    }

    [Fact]
    public void Float32_round_trips_exactly()
    {
        float[] samples = [0.1f, -1.5f, 1e-7f];
        var pcm = WavDecoder.ReadPcm(WavWriter.ToFloat32Bytes(samples, 44100), "out.wav");
        Assert.Equal(WavSampleFormat.IeeeFloat, pcm.Info.SampleFormat);
        Assert.Equal(samples, pcm.InterleavedSamples);
    }

    [Fact]
    public void Odd_length_pcm16_file_is_padded_and_readable()
    {
        var bytes = WavWriter.ToPcm16Bytes(new float[3], 44100);
        Assert.Equal(44 + 6, bytes.Length);
        Assert.Equal(3, WavDecoder.Decode(bytes, "x.wav").Samples.Length);
    }

    [Fact]
    public void Non_finite_samples_are_refused()
    {
        Assert.Throws<ArgumentException>(() => WavWriter.ToPcm16Bytes([float.NaN], 44100));
        Assert.Throws<ArgumentException>(() => WavWriter.ToFloat32Bytes([float.PositiveInfinity], 44100));
    }

    [Fact]
    public void Rate_must_be_positive() => Assert.Throws<ArgumentException>(() => WavWriter.ToPcm16Bytes([0f], 0));
}
