using Ensemble.Models.Architectures;
using Ensemble.Models.Onnx;
using Xunit.Abstractions;
using static Ensemble.Models.Tests.Onnx.OnnxTestModels;

namespace Ensemble.Models.Tests.Onnx;

public sealed class CustomCnnOnnxEmitterTests(ITestOutputHelper output)
{
    private const float Tolerance = 1e-4f;
    private const double TestWidth = 0.25;

    [Theory]
    [InlineData(128)]
    [InlineData(384)]
    public void OnnxRuntime_equals_TorchSharp_at_any_crop_width_of_one_export(int frames)
    {
        const int batch = 3;
        const int mels = 128;
        using var model = new CustomCnn(new CustomCnnOptions(widthMultiplier: TestWidth));
        RandomizeLikeTrained(model, seed: 3, calibrationCrops: 16);
        var crops = RandomCrops(batch * mels * frames, seed: frames);
        var expected = TorchLogits(model, crops, batch, mels, frames);

        using var runner = Runner(model, new OnnxExportOptions(), cropFrames: frames); // exported at 128 frames
        var actual = runner.Run(crops, batch);

        var difference = MaxAbsDifference(expected, actual);
        output.WriteLine($"customcnn ×{TestWidth} {mels}×{frames}: max |ORT - TorchSharp| = {difference:E2} (max |logit| {MaxAbs(expected):F3})");
        Assert.Equal(ModelSpec.CustomCnn, runner.Metadata.Architecture);
        Assert.True(difference <= Tolerance, $"max abs difference {difference} > {Tolerance}");
    }

    [Fact]
    public void Crop_smaller_than_the_pooling_allows_is_refused()
    {
        using var model = new CustomCnn(new CustomCnnOptions(widthMultiplier: TestWidth));
        var error = Assert.Throws<OnnxExportException>(() => OnnxExporter.Export(model, new OnnxExportOptions(melBands: 8)));
        Assert.Contains("customcnn", error.Message, StringComparison.Ordinal);
    }
}
