using Ensemble.Models.Onnx;

namespace Ensemble.Models.Tests.Onnx;

public sealed class OnnxExportOptionsTests
{
    [Fact]
    public void Defaults_are_pinned()
    {
        var options = new OnnxExportOptions();
        Assert.Equal(128, options.MelBands);
        Assert.Equal(128, options.Frames);
        Assert.True(options.DynamicFrames);
        Assert.Null(options.ClassNames);
        Assert.Equal("crops", OnnxExportOptions.InputName);
        Assert.Equal("logits", OnnxExportOptions.OutputName);
    }

    [Theory]
    [InlineData(0, 128, "melBands")]
    [InlineData(128, -1, "frames")]
    public void Bad_sizes_are_refused_naming_the_field(int mels, int frames, string field) =>
        Assert.Equal(field, Assert.Throws<ArgumentException>(() => new OnnxExportOptions(mels, frames)).ParamName);

    [Fact]
    public void Empty_class_name_is_refused() =>
        Assert.Equal("classNames", Assert.Throws<ArgumentException>(() => new OnnxExportOptions(classNames: ["a", " "])).ParamName);
}
