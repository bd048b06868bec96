using Ensemble.Models.Onnx;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ensemble.Models.Tests.Onnx;

public sealed class NamedModulesTests
{
    [Fact]
    public void Finds_nested_modules_by_pytorch_path()
    {
        using var model = nn.Sequential(("block", nn.Sequential(("conv", nn.Conv2d(1, 2, 3)))));
        var modules = new NamedModules(model);
        Assert.True(modules.Contains("block.conv"));
        Assert.Equal(2, modules.Get<Conv2d>("block.conv").out_channels);
        Assert.Same(model, modules.Root);
    }

    [Fact]
    public void Missing_module_or_other_type_is_an_export_error_naming_the_path()
    {
        using var model = nn.Sequential(("conv", nn.Conv2d(1, 2, 3)));
        var modules = new NamedModules(model);
        Assert.Contains("'fc'", Assert.Throws<OnnxExportException>(() => modules.Get<Linear>("fc")).Message, StringComparison.Ordinal);
        var wrongType = Assert.Throws<OnnxExportException>(() => modules.Get<Linear>("conv"));
        Assert.Contains("'conv' is a Conv2d, expected Linear", wrongType.Message, StringComparison.Ordinal);
    }
}
