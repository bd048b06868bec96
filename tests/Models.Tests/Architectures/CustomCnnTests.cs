using Ensemble.Models.Architectures;
using TorchSharp;
using static TorchSharp.torch;

namespace Ensemble.Models.Tests.Architectures;

public sealed class CustomCnnTests
{
    [Theory]
    [InlineData(128)]
    [InlineData(384)]
    public void Forward_AnyCropWidth_GivesOneLogitPerClass(int frames)
    {
        using var model = new CustomCnn(new CustomCnnOptions(widthMultiplier: 0.25, classes: 80));
        model.eval();
        using var noGrad = no_grad();
        using var input = randn(2, 1, 128, frames);
        using var output = model.forward(input);
        Assert.Equal(new long[] { 2, 80 }, output.shape);
        Assert.True(isfinite(output).all().item<bool>());
    }

    [Fact]
    public void Defaults_AreTheRecipe()
    {
        var options = new CustomCnnOptions();
        Assert.Equal(new[] { 32, 64, 128, 256, 512 }, options.BlockWidths);
        Assert.Equal(80, CustomCnnOptions.DefaultClasses);
        Assert.Equal(512, CustomCnnOptions.DefaultHiddenUnits);
        Assert.Equal(0.4, CustomCnnOptions.DefaultHeadDropout1);
        Assert.Equal(0.2, CustomCnnOptions.DefaultHeadDropout2);
        Assert.Equal(16, CustomCnnOptions.DefaultScseReduction);
        Assert.Equal([(1, 1), (4, 1), (1, 3), (4, 1), (1, 3)], CustomCnnOptions.PoolKernels);
    }

    [Fact]
    public void WidthMultiplier_ScalesEveryBlock()
    {
        Assert.Equal(new[] { 16, 32, 64, 128, 256 }, new CustomCnnOptions(widthMultiplier: 0.5).BlockWidths);
    }

    [Fact]
    public void ParameterNames_AreStable()
    {
        using var model = new CustomCnn(new CustomCnnOptions(widthMultiplier: 0.25));
        var names = model.named_parameters().Select(p => p.name).ToHashSet();
        foreach (var expected in new[]
        {
            "block1.conv1.weight", "block1.bn1.weight", "block1.bn1.bias", "block1.conv2.weight", "block1.bn2.bias",
            "block1.scse.cse_reduce.weight", "block1.scse.cse_reduce.bias", "block1.scse.cse_expand.weight", "block1.scse.sse_conv.weight",
            "block5.conv2.weight", "head_bn1.weight", "head_fc1.weight", "head_fc1.bias", "head_prelu.weight", "head_bn2.weight", "head_fc2.weight", "head_fc2.bias",
        })
        {
            Assert.Contains(expected, names);
        }
        Assert.DoesNotContain("block1.conv1.bias", names);
    }

    [Fact]
    public void ParameterCount_FullWidth_IsPinned()
    {
        using var model = new CustomCnn(new CustomCnnOptions());
        Assert.Equal(ExpectedFullWidthParameters(), ModelFactory.CountParameters(model));
    }

    [Fact]
    public void TooNarrowCrop_IsRejected()
    {
        using var model = new CustomCnn(new CustomCnnOptions(widthMultiplier: 0.25));
        using var input = zeros(1, 1, 128, 8);
        Assert.Throws<ArgumentException>(() => model.forward(input));
    }

    [Theory]
    [InlineData(0.0, 80, 512, "widthMultiplier")]
    [InlineData(1.0, 0, 512, "classes")]
    [InlineData(1.0, 80, 0, "hiddenUnits")]
    public void InvalidOptions_NameTheField(double width, int classes, int hidden, string field)
    {
        var error = Assert.Throws<ArgumentException>(() => new CustomCnnOptions(width, classes, hidden));
        Assert.Equal(field, error.ParamName);
    }

    // Written out from the architecture so the pin documents where every parameter lives.
    private static long ExpectedFullWidthParameters()
    {
        long total = 0;
        var inChannels = 1;
        foreach (var width in new[] { 32, 64, 128, 256, 512 })
        {
            var hidden = Math.Max(1, width / 16);
            total += 9L * inChannels * width + 2 * width; // conv1 + bn1
            total += 9L * width * width + 2 * width; // conv2 + bn2
            total += (width * hidden + hidden) + (hidden * width + width) + (width + 1); // scSE
            inChannels = width;
        }
        total += 2 * 512 + (512 * 512 + 512) + 1 + 2 * 512 + (512 * 80 + 80); // head
        return total;
    }
}
