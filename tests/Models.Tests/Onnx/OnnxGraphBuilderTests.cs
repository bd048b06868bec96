using Ensemble.Models.Onnx;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using TorchSharp;
using static TorchSharp.torch;
using static Ensemble.Models.Tests.Onnx.OnnxTestModels;

namespace Ensemble.Models.Tests.Onnx;

public sealed class OnnxGraphBuilderTests
{
    [Fact]
    public void Conv_copies_stride_padding_dilation_groups_and_bias()
    {
        using var conv = nn.Conv2d(4, 6, (3, 5), stride: (2, 1), padding: (1, 2), dilation: (1, 2), groups: 2, bias: true);
        var builder = new OnnxGraphBuilder("conv");
        var x = builder.AddInput("x", "n", 4L, 9L, 11L);
        builder.AddOutput(builder.Conv(x, conv, "conv"), "y", "n", 6L, "h", "w");

        AssertSameAsTorch(builder, input => conv.call(input), [2, 4, 9, 11]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AveragePool_follows_count_include_pad(bool countIncludePad)
    {
        var builder = new OnnxGraphBuilder("pool");
        var x = builder.AddInput("x", "n", 2L, 7L, 7L);
        builder.AddOutput(builder.AveragePool(x, [3, 3], [1, 1], [1, 1], countIncludePad, "pool"), "y", "n", 2L, 7L, 7L);

        AssertSameAsTorch(builder, input => nn.functional.avg_pool2d(input, [3, 3], [1, 1], [1, 1], count_include_pad: countIncludePad), [1, 2, 7, 7]);
    }

    [Fact]
    public void PRelu_with_channel_slopes_broadcasts_over_axis_1()
    {
        using var prelu = nn.PReLU(3);
        using (no_grad())
            prelu.weight.copy_(tensor(new[] { 0.1f, 0.2f, 0.3f }));
        var builder = new OnnxGraphBuilder("prelu");
        var x = builder.AddInput("x", "n", 3L, 4L, 5L);
        builder.AddOutput(builder.PRelu(x, prelu, inputRank: 4, "prelu"), "y", "n", 3L, 4L, 5L);

        AssertSameAsTorch(builder, input => prelu.call(input), [2, 3, 4, 5]);
    }

    [Fact]
    public void Expand_repeats_one_channel()
    {
        var builder = new OnnxGraphBuilder("expand");
        var x = builder.AddInput("x", "n", 1L, 2L, 2L);
        builder.AddOutput(builder.Expand(x, [1, 3, 1, 1], "repeat"), "y", "n", 3L, 2L, 2L);

        AssertSameAsTorch(builder, input => input.repeat(1, 3, 1, 1), [2, 1, 2, 2]);
    }

    [Fact]
    public void CropStandardize_equals_CropNormalization_per_crop()
    {
        var builder = new OnnxGraphBuilder("standardize");
        var x = builder.AddInput("x", "n", 1L, 16L, 12L);
        builder.AddOutput(builder.CropStandardize(x, Ensemble.Models.Inference.CropNormalization.Epsilon, "norm"), "y", "n", 1L, 16L, 12L);

        // dB-like crops of different levels, so that a mean or scale taken over the batch would differ
        AssertSameAsTorch(builder, input => Ensemble.Models.Inference.CropNormalization.Normalize(input * 40 - tensor(new[] { 80f, 10f, 40f }).reshape(3, 1, 1, 1)),
            [3, 1, 16, 12], input => input.Select((v, i) => v * 40 - ((i / (16 * 12)) switch { 0 => 80f, 1 => 10f, _ => 40f })).ToArray());
    }

    [Fact]
    public void Repeated_value_names_get_suffixes_and_repeated_inputs_are_refused()
    {
        var builder = new OnnxGraphBuilder("names");
        var x = builder.AddInput("x", 1L);
        Assert.Equal("r", builder.Relu(x, "r"));
        Assert.Equal("r_1", builder.Relu(x, "r"));
        Assert.Throws<OnnxExportException>(() => builder.AddInput("x", 1L));
    }

    private static void AssertSameAsTorch(OnnxGraphBuilder builder, Func<Tensor, Tensor> forward, long[] shape, Func<float[], float[]>? onnxInput = null)
    {
        var model = builder.Build("test", new Dictionary<string, string>());
        var raw = RandomCrops((int)shape.Aggregate(1L, (a, b) => a * b), seed: 9);
        var values = onnxInput is null ? raw : onnxInput(raw);
        using var session = new InferenceSession(model.ToByteArray());
        using var input = OrtValue.CreateTensorValueFromMemory(values, shape);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, ["x"], [input], ["y"]);
        var actual = outputs[0].GetTensorDataAsSpan<float>().ToArray();

        float[] expected;
        using (no_grad())
        using (var result = forward(tensor(raw, shape)))
            expected = result.contiguous().data<float>().ToArray();
        Assert.True(MaxAbsDifference(expected, actual) < 1e-5f, $"max difference {MaxAbsDifference(expected, actual)}, first {expected[0]} vs {actual[0]}, last {expected[^1]} vs {actual[^1]}");
    }
}
