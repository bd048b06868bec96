using Ensemble.Audio.Features;

namespace Ensemble.Audio.Tests.Features;

public sealed class RealFftTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(10)]
    [InlineData(64)]
    [InlineData(2560)]
    public void Power_spectrum_matches_a_direct_dft(int length)
    {
        var random = new Random(length);
        var frame = new double[length];
        for (var i = 0; i < length; i++)
            frame[i] = random.NextDouble() - 0.5;
        var (re, im) = ComplexFftTests.Dft(frame, new double[length]);
        var fft = new RealFft(length);
        var power = new double[fft.Bins];
        fft.Spectrum(frame, power, 2, fft.CreateScratch());
        Assert.Equal((length / 2) + 1, fft.Bins);
        for (var k = 0; k < fft.Bins; k++)
            Assert.Equal((re[k] * re[k]) + (im[k] * im[k]), power[k], 1e-8);
    }

    [Fact]
    public void Power_one_gives_the_magnitude()
    {
        var fft = new RealFft(8);
        var magnitude = new double[fft.Bins];
        fft.Spectrum([1, 0, 0, 0, 0, 0, 0, 0], magnitude, 1, fft.CreateScratch());
        Assert.All(magnitude, m => Assert.Equal(1, m, 12));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    public void Length_must_be_even_and_positive(int length) => Assert.Throws<ArgumentException>(() => new RealFft(length));
}
