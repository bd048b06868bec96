using Ensemble.Audio.Features;

namespace Ensemble.Audio.Tests.Features;

public sealed class ComplexFftTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(12)]
    [InlineData(15)]
    [InlineData(20)]
    [InlineData(49)]
    [InlineData(160)]
    [InlineData(1280)]
    public void Matches_a_direct_dft(int length)
    {
        var random = new Random(length);
        var re = new double[length];
        var im = new double[length];
        for (var i = 0; i < length; i++)
        {
            re[i] = random.NextDouble() - 0.5;
            im[i] = random.NextDouble() - 0.5;
        }
        var (expectedRe, expectedIm) = Dft(re, im);
        new ComplexFft(length).Forward(re, im, new double[length], new double[length]);
        for (var k = 0; k < length; k++)
        {
            Assert.Equal(expectedRe[k], re[k], 1e-9);
            Assert.Equal(expectedIm[k], im[k], 1e-9);
        }
    }

    [Fact]
    public void Length_must_be_positive() => Assert.Throws<ArgumentException>(() => new ComplexFft(0));

    internal static (double[] Re, double[] Im) Dft(double[] re, double[] im)
    {
        var n = re.Length;
        var outRe = new double[n];
        var outIm = new double[n];
        for (var k = 0; k < n; k++)
        {
            for (var j = 0; j < n; j++)
            {
                var angle = -2 * Math.PI * ((long)j * k % n) / n;
                outRe[k] += (re[j] * Math.Cos(angle)) - (im[j] * Math.Sin(angle));
                outIm[k] += (re[j] * Math.Sin(angle)) + (im[j] * Math.Cos(angle));
            }
        }
        return (outRe, outIm);
    }
}
