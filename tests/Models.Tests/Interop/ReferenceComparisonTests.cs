using Ensemble.Models.Architectures;
using Ensemble.Models.Interop;
using TorchSharp;
using static TorchSharp.torch;

namespace Ensemble.Models.Tests.Interop;

public sealed class ReferenceComparisonTests
{
    [Fact]
    public void LoadedWeights_ReproduceTheReferenceOutput()
    {
        using var dir = new TempDirectory();
        var options = new CustomCnnOptions(widthMultiplier: 0.125, classes: 5);
        using var source = new CustomCnn(options);
        source.eval();
        source.save(dir.File("w.dat"));
        using var generator = new Generator(3);
        using var input = randn(2, 1, 128, 128, generator: generator);
        using (no_grad())
        {
            using var output = source.forward(input);
            TorchSharpStateDictFile.Write(dir.File("io.dat"), new Dictionary<string, Tensor> { ["input"] = input, ["output"] = output });
        }
        using var target = new CustomCnn(options);
        target.load(dir.File("w.dat"), strict: true);
        Assert.Equal(0.0, ReferenceComparison.MaxAbsoluteDifference(target, dir.File("io.dat")));

        using var fresh = new CustomCnn(options);
        Assert.True(ReferenceComparison.MaxAbsoluteDifference(fresh, dir.File("io.dat")) > 1e-3);
    }

    [Fact]
    public void MissingEntries_AreATypedError()
    {
        using var dir = new TempDirectory();
        using var only = ones(1);
        TorchSharpStateDictFile.Write(dir.File("io.dat"), new Dictionary<string, Tensor> { ["input"] = only });
        using var model = new CustomCnn(new CustomCnnOptions(widthMultiplier: 0.125, classes: 5));
        Assert.Throws<StateDictFormatException>(() => ReferenceComparison.MaxAbsoluteDifference(model, dir.File("io.dat")));
    }
}
