using Ensemble.Models.Architectures;

namespace Ensemble.Models.Tests;

public sealed class ModelFactoryTests
{
    [Fact]
    public void Create_BuildsEachArchitecture()
    {
        using var cnn = ModelFactory.Create(new ModelSpec(ModelSpec.CustomCnn, 0.25, 80));
        Assert.IsType<CustomCnn>(cnn);
        Assert.Equal(0.25, ((CustomCnn)cnn).Options.WidthMultiplier);
        using var inception3 = ModelFactory.Create(new ModelSpec(ModelSpec.Inception3, classes: 5));
        Assert.Equal(3, ((InceptionV3)inception3).Options.InputChannels);
        using var inception1 = ModelFactory.Create(new ModelSpec(ModelSpec.Inception1, classes: 5));
        Assert.Equal(1, ((InceptionV3)inception1).Options.InputChannels);
    }

    [Theory]
    [InlineData(ModelSpec.CustomCnn)]
    [InlineData(ModelSpec.Inception1)]
    public void Create_WithAGenerator_DrawsEveryParameterFromIt(string architecture)
    {
        var spec = new ModelSpec(architecture, 0.25, 5);
        using var g1 = new TorchSharp.torch.Generator(42);
        using var g2 = new TorchSharp.torch.Generator(42);
        using var g3 = new TorchSharp.torch.Generator(43);
        // The default generator is reseeded between the builds: the weights must not depend on it.
        TorchSharp.torch.manual_seed(1);
        using var a = ModelFactory.Create(spec, g1);
        TorchSharp.torch.manual_seed(2);
        using var b = ModelFactory.Create(spec, g2);
        using var c = ModelFactory.Create(spec, g3);
        var pa = a.named_parameters().ToArray();
        var pb = b.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var pc = c.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        Assert.All(pa, p => Assert.True(p.parameter.equal(pb[p.name]).all().item<bool>(), p.name));
        Assert.Contains(pa, p => !p.parameter.equal(pc[p.name]).all().item<bool>());
    }

    [Theory]
    [InlineData("resnet", 1.0, 80, "architecture")]
    [InlineData("customcnn", -1.0, 80, "widthMultiplier")]
    [InlineData("inception3", 0.0, 80, "widthMultiplier")]
    [InlineData("customcnn", 1.0, 0, "classes")]
    public void Spec_RejectsBadInput(string architecture, double width, int classes, string field)
    {
        var error = Assert.Throws<ArgumentException>(() => new ModelSpec(architecture, width, classes));
        Assert.Equal(field, error.ParamName);
    }

    [Fact]
    public void Spec_Defaults()
    {
        var spec = new ModelSpec(ModelSpec.CustomCnn);
        Assert.Equal(1.0, spec.WidthMultiplier);
        Assert.Equal(80, spec.Classes);
        Assert.Equal(1, spec.InputChannels);
        Assert.Equal(3, new ModelSpec(ModelSpec.Inception3).InputChannels);
    }
}
