using Ensemble.Models.Architectures;
using static TorchSharp.torch;

namespace Ensemble.Models.Tests.Architectures;

public sealed class GeneratorDropoutTests
{
    [Fact]
    public void TheSameGeneratorSeedGivesTheSameMaskWhateverTheDefaultGeneratorDoes()
    {
        using var input = ones(64, 32);
        using var first = new Generator(11);
        using var second = new Generator(11);
        using var a = new GeneratorDropout(0.4, first);
        using var b = new GeneratorDropout(0.4, second);
        a.train();
        b.train();
        manual_seed(1);
        using var x = a.forward(input);
        manual_seed(2);
        using var y = b.forward(input);
        Assert.True(x.equal(y).all().item<bool>());
    }

    [Fact]
    public void TrainingDropsAboutPAndRescalesTheRest_EvalIsTheIdentity()
    {
        using var input = ones(200, 100);
        using var generator = new Generator(3);
        using var dropout = new GeneratorDropout(0.25, generator);
        dropout.train();
        using var dropped = dropout.forward(input);
        var values = dropped.data<float>().ToArray();
        var zeros = values.Count(v => v == 0) / (double)values.Length;
        Assert.InRange(zeros, 0.22, 0.28);
        Assert.All(values.Where(v => v != 0), v => Assert.Equal(1 / 0.75f, v, 5));

        dropout.eval();
        using var kept = dropout.forward(input);
        Assert.True(kept.equal(input).all().item<bool>());
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    public void RejectsAProbabilityOutsideZeroToOne(double p)
    {
        Assert.Equal("probability", Assert.Throws<ArgumentException>(() => new GeneratorDropout(p, null)).ParamName);
    }
}
