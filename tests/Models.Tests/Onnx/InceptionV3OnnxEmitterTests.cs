using Ensemble.Models.Onnx;
using Xunit.Abstractions;
using static Ensemble.Models.Tests.Onnx.OnnxTestModels;

namespace Ensemble.Models.Tests.Onnx;

public sealed class InceptionV3OnnxEmitterTests(ITestOutputHelper output)
{
    private const int Classes = 80;
    private const float Tolerance = 1e-4f;

    [Fact]
    public void Inception3_OnnxRuntime_equals_TorchSharp_at_two_crop_widths()
    {
        using var model = TorchSharp.torchvision.models.inception_v3(num_classes: Classes);
        CalibrateBatchNorms(model, channels: 3, mels: 128, frames: 128, seed: 1);
        var export = new OnnxExportOptions();

        foreach (var frames in new[] { 128, 96 })
        {
            const int batch = 2;
            var crops = RandomCrops(batch * 128 * frames, seed: frames);
            var expected = TorchLogits(model, crops, batch, 128, frames, channels: 3);
            using var runner = Runner(model, export, cropFrames: frames);
            var actual = runner.Run(crops, batch);

            var difference = MaxAbsDifference(expected, actual);
            output.WriteLine($"inception3 frames {frames}: max |ORT - TorchSharp| = {difference:E2} (max |logit| {MaxAbs(expected):F3})");
            Assert.Equal("inception3", runner.Metadata.Architecture);
            Assert.True(difference <= Tolerance, $"max abs difference {difference} > {Tolerance}");
        }
    }
}
