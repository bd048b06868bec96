using Ensemble.Models.Architectures;
using TorchSharp;
using static TorchSharp.torch;

namespace Ensemble.Models.Tests.Architectures;

public sealed class InceptionV3Tests
{
    // torchvision 0.14: sum(p.numel() for p in inception_v3(num_classes=80, aux_logits=False).parameters()).
    private const long TorchvisionThreeChannelParameters = 21_949_488;
    private const long TorchvisionOneChannelParameters = 21_948_912;

    [Theory]
    [InlineData(3, TorchvisionThreeChannelParameters)]
    [InlineData(1, TorchvisionOneChannelParameters)]
    public void ParameterCount_EqualsTorchvision(int channels, long expected)
    {
        using var model = new InceptionV3(new InceptionV3Options(channels, classes: 80));
        Assert.Equal(expected, ModelFactory.CountParameters(model));
    }

    [Fact]
    public void ParameterNames_AreTorchvisions()
    {
        using var model = new InceptionV3(new InceptionV3Options(3));
        var state = model.state_dict();
        foreach (var expected in new[]
        {
            "Conv2d_1a_3x3.conv.weight", "Conv2d_1a_3x3.bn.weight", "Conv2d_1a_3x3.bn.bias", "Conv2d_1a_3x3.bn.running_mean",
            "Conv2d_1a_3x3.bn.running_var", "Mixed_5b.branch1x1.conv.weight", "Mixed_5b.branch_pool.bn.bias",
            "Mixed_6e.branch7x7dbl_5.conv.weight", "Mixed_7a.branch7x7x3_4.conv.weight", "Mixed_7c.branch3x3dbl_3b.bn.running_var",
            "fc.weight", "fc.bias",
        })
        {
            Assert.True(state.ContainsKey(expected), expected);
        }
        Assert.DoesNotContain(state.Keys, k => k.StartsWith("AuxLogits", StringComparison.Ordinal));
        Assert.Equal(new long[] { 32, 3, 3, 3 }, state["Conv2d_1a_3x3.conv.weight"].shape);
    }

    [Fact]
    public void FreshWeights_AreFiniteWithTorchvisionsSpread()
    {
        using var model = new InceptionV3(new InceptionV3Options(3));
        using var noGrad = no_grad();
        foreach (var (name, parameter) in model.named_parameters())
            Assert.True(isfinite(parameter).all().item<bool>(), name);
        var weight = model.state_dict()["Mixed_7c.branch_pool.conv.weight"];
        Assert.InRange(weight.std().item<float>(), 0.099f, 0.101f);
    }

    [Fact]
    public void BatchNormEpsilon_IsTorchvisions()
    {
        Assert.Equal(0.001, BasicConv2d.BatchNormEpsilon);
    }

    [Fact]
    public void ThreeChannelModel_RepeatsAOneChannelCrop()
    {
        // Training mode (batch statistics) keeps a fresh network's activations finite; dropout 0 keeps it deterministic.
        using var model = new InceptionV3(new InceptionV3Options(3, classes: 10, dropout: 0));
        model.train();
        using var noGrad = no_grad();
        using var crop = randn(2, 1, 128, 128);
        using var repeated = crop.repeat(1, 3, 1, 1);
        using var fromOne = model.forward(crop);
        using var fromThree = model.forward(repeated);
        Assert.Equal(new long[] { 2, 10 }, fromOne.shape);
        Assert.True(fromOne.allclose(fromThree, rtol: 1e-5, atol: 1e-5), $"max diff {(fromOne - fromThree).abs().max().item<float>()}");
    }

    [Fact]
    public void OneChannelModel_Accepts128By128()
    {
        using var model = new InceptionV3(new InceptionV3Options(1, classes: 80));
        model.eval();
        using var noGrad = no_grad();
        using var crop = randn(2, 1, 128, 128);
        using var output = model.forward(crop);
        Assert.Equal(new long[] { 2, 80 }, output.shape);
    }

    [Fact]
    public void OneChannelModel_RejectsThreeChannels()
    {
        using var model = new InceptionV3(new InceptionV3Options(1, classes: 4));
        using var input = zeros(1, 3, 128, 128);
        Assert.Throws<ArgumentException>(() => model.forward(input));
    }

    [Fact]
    public void InvalidChannelCount_NamesTheField()
    {
        var error = Assert.Throws<ArgumentException>(() => new InceptionV3Options(2));
        Assert.Equal("inputChannels", error.ParamName);
    }

    [Fact]
    public void SlimModel_ScalesEveryLayerAndKeepsTorchvisionsNames()
    {
        using var full = new InceptionV3(new InceptionV3Options(1, classes: 25));
        using var slim = new InceptionV3(new InceptionV3Options(1, classes: 25, widthMultiplier: 0.25));
        Assert.Equal(full.named_parameters().Select(p => p.name), slim.named_parameters().Select(p => p.name));
        var slimParameters = ModelFactory.CountParameters(slim);
        // Convolutions scale with the square of the multiplier: about 1/16 of the full network.
        Assert.InRange(slimParameters, TorchvisionOneChannelParameters / 20, TorchvisionOneChannelParameters / 12);
        var firstConv = slim.named_parameters().First(p => p.name == "Conv2d_1a_3x3.conv.weight").parameter;
        Assert.Equal(new long[] { 8, 1, 3, 3 }, firstConv.shape);
        var fc = slim.named_parameters().First(p => p.name == "fc.weight").parameter;
        Assert.Equal(new long[] { 25, 512 }, fc.shape); // 2048 / 4
        slim.eval();
        using var noGrad = no_grad();
        using var crop = randn(2, 1, 128, 128);
        using var output = slim.forward(crop);
        Assert.Equal(new long[] { 2, 25 }, output.shape);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.PositiveInfinity)]
    public void WidthMultiplier_MustBePositiveAndFinite(double width)
    {
        var error = Assert.Throws<ArgumentException>(() => new InceptionV3Options(1, widthMultiplier: width));
        Assert.Equal("widthMultiplier", error.ParamName);
    }
}
