using Ensemble.Audio.Augmentation;
using Ensemble.Audio.Resampling;

namespace Ensemble.Audio.Tests.Augmentation;

public class PolyphaseResamplerTests
{
    [Theory]
    [InlineData(3303766, 4410000)] // pitch -500: up by 1.33484
    [InlineData(5886599, 4410000)] // pitch +500: down by 0.749154
    public void Matches_the_decoders_sinc_resampler(int inputRate, int outputRate)
    {
        var noise = Signals.Noise(0.1, 0.5, seed: 11);

        var fast = new PolyphaseResampler(inputRate, outputRate).Process(noise);
        var reference = SincResampler.Resample(noise, inputRate, outputRate);

        Assert.Equal(reference.Length, fast.Length);
        var error = fast.Zip(reference, (a, b) => (double)(a - b) * (a - b)).Average();
        var power = reference.Average(v => (double)v * v);
        Assert.True(10 * Math.Log10(error / power) < -80, $"error {10 * Math.Log10(error / power):0.0} dB");
    }

    [Fact]
    public void Equal_rates_copy() =>
        Assert.Equal([0.25f, -0.5f], new PolyphaseResampler(44100, 44100).Process([0.25f, -0.5f]));
}
