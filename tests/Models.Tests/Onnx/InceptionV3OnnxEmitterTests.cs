using Ensemble.Models.Onnx;
using Xunit.Abstractions;
using static Ensemble.Models.Tests.Onnx.OnnxTestModels;

namespace Ensemble.Models.Tests.Onnx;

public sealed class InceptionV3OnnxEmitterTests(ITestOutputHelper output)
{
    private const float Tolerance = 1e-4f;

    [Theory]
    [InlineData(ModelSpec.Inception3, 3, 128)]
    [InlineData(ModelSpec.Inception1, 1, 96)]
    public void OnnxRuntime_equals_TorchSharp(string architecture, int channels, int frames)
    {
        const int batch = 2;
        const int mels = 128;
        using var model = ModelFactory.Create(new ModelSpec(architecture));
        RandomizeLikeTrained(model, seed: channels);
        var crops = RandomCrops(batch * mels * frames, seed: frames);
        var expected = TorchLogits(model, crops, batch, mels, frames);

        using var runner = Runner(model, new OnnxExportOptions(), cropFrames: frames);
        var actual = runner.Run(crops, batch);

        var difference = MaxAbsDifference(expected, actual);
        output.WriteLine($"{architecture} {mels}×{frames}: max |ORT - TorchSharp| = {difference:E2} (max |logit| {MaxAbs(expected):F3})");
        Assert.Equal(architecture, runner.Metadata.Architecture);
        Assert.True(difference <= Tolerance, $"max abs difference {difference} > {Tolerance}");
    }

    [Fact]
    public void Slim_inception_exports_and_equals_TorchSharp()
    {
        const int batch = 2;
        using var model = ModelFactory.Create(new ModelSpec(ModelSpec.Inception1, widthMultiplier: 0.25, classes: 25));
        RandomizeLikeTrained(model, seed: 9);
        var crops = RandomCrops(batch * 128 * 128, seed: 9);
        var expected = TorchLogits(model, crops, batch, 128, 128);
        using var runner = Runner(model, new OnnxExportOptions(), cropFrames: 128);
        var difference = MaxAbsDifference(expected, runner.Run(crops, batch));
        output.WriteLine($"inception1 width 0.25: max |ORT - TorchSharp| = {difference:E2}");
        Assert.True(difference <= Tolerance, $"max abs difference {difference} > {Tolerance}");
    }

    [Fact]
    public void Torchvision_package_inception_v3_exports_too()
    {
        // TorchSharp's own torchvision module has the same names (plus an unused AuxLogits head), takes 3 channels.
        const int batch = 1;
        using var model = TorchSharp.torchvision.models.inception_v3(num_classes: 10);
        RandomizeLikeTrained(model, seed: 5);
        var crops = RandomCrops(batch * 80 * 80, seed: 5);
        var expected = TorchLogits(model, crops, batch, 80, 80, repeatTo: 3);

        using var runner = Runner(model, new OnnxExportOptions(melBands: 80, frames: 80));
        var difference = MaxAbsDifference(expected, runner.Run(crops, batch));

        output.WriteLine($"torchvision inception_v3 80×80: max |ORT - TorchSharp| = {difference:E2}");
        Assert.True(difference <= Tolerance, $"max abs difference {difference} > {Tolerance}");
    }
}
