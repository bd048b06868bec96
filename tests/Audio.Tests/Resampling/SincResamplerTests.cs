using Ensemble.Audio.Resampling;
using Ensemble.Audio.Tests.Signals;

namespace Ensemble.Audio.Tests.Resampling;

public sealed class SincResamplerTests
{
    [Fact]
    public void Design_constants_are_pinned()
    {
        Assert.Equal(64, SincResampler.ZeroCrossings);
        Assert.Equal(8.6, SincResampler.KaiserBeta);
        Assert.Equal(0.955, SincResampler.CutoffFraction);
    }

    [Theory]
    [InlineData(48000, 1000)]
    [InlineData(48000, 20000)]
    [InlineData(22050, 9000)]
    [InlineData(96000, 19000)]
    public void Pass_band_keeps_the_level(int inputRate, double frequency)
    {
        var output = SincResampler.Resample(Tones.SineF(frequency, inputRate, inputRate / 4), inputRate, 44100);
        var gainDb = 20 * Math.Log10(Tones.Rms(output.AsSpan(2000, output.Length - 4000)) / (0.5 / Math.Sqrt(2)));
        Assert.InRange(gainDb, -0.01, 0.01);
    }

    [Theory]
    [InlineData(96000, 30000)]
    [InlineData(96000, 23000)]
    [InlineData(48000, 22500)]
    [InlineData(192000, 60000)]
    public void Stop_band_is_at_least_80_dB_down(int inputRate, double frequency)
    {
        var output = SincResampler.Resample(Tones.SineF(frequency, inputRate, inputRate / 4, 1.0), inputRate, 44100);
        var levelDb = 20 * Math.Log10(Tones.Rms(output.AsSpan(2000, output.Length - 4000)) / Math.Sqrt(0.5));
        Assert.True(levelDb < -80, $"{frequency} Hz from {inputRate} Hz left at {levelDb:0.0} dB");
    }

    [Fact]
    public void Upsampling_has_no_images()
    {
        // An 8 kHz file holds nothing above 4 kHz; a 3 kHz tone must not leave an image at 8 - 3 = 5 kHz.
        var output = SincResampler.Resample(Tones.SineF(3000, 8000, 4000), 8000, 44100);
        var clean = Tones.SineF(3000, 44100, output.Length);
        var error = new float[output.Length - 8000];
        for (var i = 0; i < error.Length; i++)
            error[i] = output[i + 4000] - clean[i + 4000];
        Assert.True(20 * Math.Log10(Tones.Rms(error) / 0.35) < -70);
    }

    [Theory]
    [InlineData(48000)]
    [InlineData(8000)]
    [InlineData(192000)]
    public void Polyphase_table_matches_the_per_tap_kernel(int inputRate)
    {
        var random = new Random(inputRate);
        var input = new float[inputRate / 10];
        for (var i = 0; i < input.Length; i++)
            input[i] = (float)(random.NextDouble() - 0.5);
        var resampler = new SincResampler(inputRate, 44100);
        var fast = resampler.Process(input);
        var reference = resampler.ProcessPerTap(input);
        Assert.Equal(reference.Length, fast.Length);
        for (var i = 0; i < fast.Length; i++)
            Assert.Equal(reference[i], fast[i], 2e-6);
    }

    [Theory]
    [InlineData(3303766, 4410000)] // pitch -500 (hundredths of a hertz): up by 1.33484
    [InlineData(5886599, 4410000)] // pitch +500: down by 0.749154
    [InlineData(44099, 44100)]
    public void Interpolated_table_matches_the_per_tap_kernel_to_80_dB(int inputRate, int outputRate)
    {
        var random = new Random(inputRate);
        var input = new float[4410];
        for (var i = 0; i < input.Length; i++)
            input[i] = (float)(random.NextDouble() - 0.5);
        var resampler = new SincResampler(inputRate, outputRate);
        var fast = resampler.Process(input);
        var reference = resampler.ProcessPerTap(input);
        Assert.Equal(reference.Length, fast.Length);
        Assert.Equal(resampler.ProcessInterpolated(input), fast); // these ratios take the interpolated table
        var error = fast.Zip(reference, (a, b) => (double)(a - b) * (a - b)).Average();
        var power = reference.Average(v => (double)v * v);
        Assert.True(10 * Math.Log10(error / power) < -80, $"error {10 * Math.Log10(error / power):0.0} dB");
    }

    [Fact]
    public void Same_rate_copies()
    {
        float[] input = [1, 2, 3];
        var output = SincResampler.Resample(input, 44100, 44100);
        Assert.Equal(input, output);
        Assert.NotSame(input, output);
    }

    [Fact]
    public void Output_length_is_the_ceiling_of_the_ratio()
    {
        var resampler = new SincResampler(48000, 44100);
        Assert.Equal(44100, resampler.OutputLength(48000));
        Assert.Equal(1, resampler.OutputLength(1));
        Assert.Equal(0, resampler.OutputLength(0));
    }

    [Fact]
    public void Rates_must_be_positive()
    {
        Assert.Throws<ArgumentException>(() => new SincResampler(0, 44100));
        Assert.Throws<ArgumentException>(() => new SincResampler(44100, -1));
    }
}
