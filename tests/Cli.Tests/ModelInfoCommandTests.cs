using Ensemble.Cli;

namespace Ensemble.Cli.Tests;

public sealed class ModelInfoCommandTests
{
    [Fact]
    public async Task ModelInfo_PrintsALayerTableEndingWithTheParameterCount()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await EnsembleCli.RunAsync(["model-info", "--arch", "customcnn", "--width", "0.25", "--classes", "80"], stdout, stderr);
        Assert.Equal(0, code);
        var lines = stdout.ToString().TrimEnd().Split('\n');
        Assert.Equal("parameters 407022", lines[^1]);
        Assert.Contains(lines, l => l.StartsWith("block1.conv1 ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ModelInfo_Inception1_HasTorchvisionsCount()
    {
        using var stdout = new StringWriter();
        var code = await EnsembleCli.RunAsync(["model-info", "--arch", "inception1"], stdout, TextWriter.Null);
        Assert.Equal(0, code);
        Assert.EndsWith("parameters 21948912", stdout.ToString().TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModelInfo_SlimInception1_HasTheSlimCount()
    {
        using var stdout = new StringWriter();
        var code = await EnsembleCli.RunAsync(["model-info", "--arch", "inception1", "--width", "0.25", "--classes", "25"], stdout, TextWriter.Null);
        Assert.Equal(0, code);
        Assert.EndsWith("parameters 1380897", stdout.ToString().TrimEnd(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--arch", "resnet")]
    [InlineData("--width", "0")]
    public async Task ModelInfo_BadArguments_AreUsageErrors(string option, string value)
    {
        using var stderr = new StringWriter();
        string[] args = option == "--arch" ? ["model-info", option, value] : ["model-info", "--arch", "inception3", option, value];
        var code = await EnsembleCli.RunAsync(args, TextWriter.Null, stderr);
        Assert.Equal(EnsembleCli.UsageExitCode, code);
        Assert.NotEmpty(stderr.ToString());
    }
}
