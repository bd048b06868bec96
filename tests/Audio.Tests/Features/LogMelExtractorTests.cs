using Ensemble.Audio.Features;
using Ensemble.Settings;

namespace Ensemble.Audio.Tests.Features;

public sealed class LogMelExtractorTests
{
    private static readonly LogMelExtractor Extractor = new();

    private static float[] TwoTones(int length)
    {
        var samples = new float[length];
        for (var i = 0; i < length; i++)
            samples[i] = (float)((0.5 * Math.Sin(2 * Math.PI * 440 * i / 44100)) + (0.25 * Math.Sin(2 * Math.PI * 5000 * i / 44100)));
        return samples;
    }

    [Theory]
    [InlineData(0, 12.332858085632324)]
    [InlineData(10 * 29 + 5, -9.339763641357422)]
    [InlineData(20 * 29 + 14, -39.39834213256836)]
    [InlineData(40 * 29, -10.662569046020508)]
    [InlineData(60 * 29 + 28, -24.92092514038086)]
    [InlineData(100 * 29 + 10, -45.27153396606445)]
    public void Matches_torchaudio_on_two_tones(int index, double torchaudioDb)
    {
        // torchaudio MelSpectrogram(44100, 2560, hop 694, 20-22050 Hz, 128 slaney) + AmplitudeToDB('power', 80) of the same signal.
        var logMel = Extractor.Compute(TwoTones(20000));
        Assert.Equal(29, logMel.Frames);
        Assert.Equal(128, logMel.MelBands);
        Assert.Equal(torchaudioDb, logMel.Values[index], 0.005);
        Assert.Equal(34.728466, logMel.Values.Max(), 0.001);
        Assert.Equal(-45.271534, logMel.Values.Min(), 0.001);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(693, 1)]
    [InlineData(694, 2)]
    [InlineData(44100, 64)]
    public void Frame_count_is_one_plus_samples_over_hop(int samples, int frames)
    {
        Assert.Equal(frames, Extractor.FrameCount(samples));
        Assert.Equal(frames, Extractor.Compute(new float[samples]).Frames);
    }

    [Fact]
    public void Uncentred_frames_start_at_zero() =>
        Assert.Equal(2, new LogMelExtractor(new LogMelOptions(centered: false)).FrameCount(2560 + 694));

    [Fact]
    public void Silence_sits_at_the_amin_floor()
    {
        var logMel = Extractor.Compute(new float[5000]);
        Assert.All(logMel.Values, v => Assert.Equal(-100f, v));
    }

    [Fact]
    public void Top_db_floor_is_relative_to_the_whole_spectrogram_max()
    {
        var logMel = Extractor.Compute(TwoTones(44100));
        Assert.Equal(logMel.Values.Max() - 80, logMel.Values.Min(), 1e-4);
        var unlimited = new LogMelExtractor(new LogMelOptions(topDb: null)).Compute(TwoTones(44100));
        Assert.True(unlimited.Values.Min() < logMel.Values.Min());
    }

    [Fact]
    public void A_tone_peaks_in_the_band_holding_its_frequency()
    {
        var samples = new float[44100];
        for (var i = 0; i < samples.Length; i++)
            samples[i] = (float)(0.5 * Math.Sin(2 * Math.PI * 1000 * i / 44100));
        var logMel = Extractor.Compute(samples);
        var loudest = Enumerable.Range(0, 128).MaxBy(m => logMel[m, 30]);
        // 1 kHz = 15 slaney mel; band centres are linspace(0.3, 60.0, 130)[1..128], so band 30 (centre 14.65) or 31 (15.11).
        Assert.InRange(loudest, 30, 31);
    }

    [Fact]
    public void Tiny_clips_shorter_than_the_pad_work()
    {
        Assert.Equal(1, Extractor.Compute([0.5f]).Frames);
        Assert.Equal(1, Extractor.Compute(TwoTones(100)).Frames);
    }

    [Theory]
    [InlineData(-1, 5, 1)]
    [InlineData(-4, 5, 4)]
    [InlineData(-5, 5, 3)]
    [InlineData(5, 5, 3)]
    [InlineData(6, 5, 2)]
    [InlineData(12, 5, 4)]
    [InlineData(3, 1, 0)]
    public void Reflect_mirrors_without_repeating_the_edge(int index, int length, int expected) =>
        Assert.Equal(expected, LogMelExtractor.Reflect(index, length));

    [Fact]
    public void Empty_input_is_refused() => Assert.Throws<ArgumentException>(() => Extractor.Compute(ReadOnlySpan<float>.Empty));

    [Fact]
    public void Clip_at_another_rate_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => Extractor.Compute(new AudioClip(new float[100], 48000, "x.wav")));
        Assert.Contains("x.wav", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LogMel_checks_its_shape()
    {
        Assert.Throws<ArgumentException>(() => new LogMel(new float[10], 3, 3));
        var logMel = new LogMel([1, 2, 3, 4, 5, 6], 2, 3);
        Assert.Equal(6, logMel[1, 2]);
        Assert.Equal([4f, 5f, 6f], logMel.Band(1).ToArray());
    }
}
