using Ensemble.Models.Augmentation;
using TorchSharp;
using static TorchSharp.torch;

namespace Ensemble.Models.Tests.Augmentation;

public sealed class MixupTests
{
    [Fact]
    public void DefaultAlpha_IsOne()
    {
        Assert.Equal(1.0, MixupOptions.DefaultAlpha);
        Assert.Equal(1.0, new MixupOptions().Alpha);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.4)]
    public void Lambdas_HaveTheBetaMeanAndVariance(double alpha)
    {
        var mixup = new Mixup(new MixupOptions(alpha), seed: 11);
        var lambdas = Enumerable.Range(0, 10_000).Select(_ => mixup.SampleLambda()).ToArray();
        var mean = lambdas.Average();
        var variance = lambdas.Select(l => (l - mean) * (l - mean)).Average();
        Assert.All(lambdas, l => Assert.InRange(l, 0.0, 1.0));
        Assert.InRange(mean, 0.49, 0.51); // sd of the mean ≈ 0.003
        Assert.InRange(variance, 0.95 / (4 * (2 * alpha + 1)), 1.05 / (4 * (2 * alpha + 1)));
    }

    [Fact]
    public void Apply_MixesInputsAndLabelsWithTheSameLambda()
    {
        using var inputs = arange(4, dtype: float32).view(4, 1, 1, 1).expand(4, 1, 2, 3).contiguous();
        using var labels = eye(4);
        var result = new Mixup(new MixupOptions(), seed: 5).Apply(inputs, labels);
        using var mixedInputs = result.Inputs;
        using var mixedLabels = result.Labels;
        // Labels are one-hot of the sample index, so each label row says exactly which inputs were mixed.
        using var expected = mixedLabels.matmul(arange(4, dtype: float32));
        using var actual = mixedInputs[TensorIndex.Colon, 0, 0, 0];
        Assert.True(actual.allclose(expected, rtol: 1e-6, atol: 1e-6));
        using var rowSums = mixedLabels.sum(1);
        Assert.True(rowSums.allclose(ones(4), rtol: 1e-6, atol: 1e-6));
        Assert.Contains(mixedLabels.max().item<float>(), new[] { (float)Math.Max(result.Lambda, 1 - result.Lambda), 1f });
    }

    [Fact]
    public void SameSeed_SameResult()
    {
        using var inputs = randn(8, 1, 4, 4);
        using var labels = rand(8, 5);
        var a = new Mixup(new MixupOptions(), 3).Apply(inputs, labels);
        var b = new Mixup(new MixupOptions(), 3).Apply(inputs, labels);
        Assert.Equal(a.Lambda, b.Lambda);
        Assert.True(a.Inputs.allclose(b.Inputs, rtol: 0, atol: 0));
        Assert.True(a.Labels.allclose(b.Labels, rtol: 0, atol: 0));
    }

    [Fact]
    public void MismatchedLabels_AreRejected()
    {
        using var inputs = zeros(4, 1, 2, 2);
        using var labels = zeros(3, 5);
        Assert.Throws<ArgumentException>(() => new Mixup(new MixupOptions(), 1).Apply(inputs, labels));
    }

    [Fact]
    public void NonPositiveAlpha_NamesTheField()
    {
        Assert.Equal("alpha", Assert.Throws<ArgumentException>(() => new MixupOptions(0)).ParamName);
    }
}
