using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ensemble.Models.Onnx;

/// <summary>
/// torchvision's Inception-v3 (module names Conv2d_1a_3x3 … Mixed_7c, fc; BasicConv2d = conv, bn (eps 0.001), ReLU),
/// eval mode, no auxiliary head, no input transform. The branch pools are functional calls in the module's forward,
/// so their settings are written here: avg_pool2d(3, stride 1, padding 1, count_include_pad) and max_pool2d(3, stride 2).
/// The final adaptive average pool to 1×1 is a GlobalAveragePool, so the frame axis stays dynamic.
/// A 3-channel model gets the single-channel crop repeated (Expand), like the TorchSharp runner does.
/// </summary>
public sealed class InceptionV3OnnxEmitter : IOnnxArchitectureEmitter
{
    public (int MelBands, int Frames) MinimumCropShape => (75, 75);

    public bool Matches(NamedModules modules) =>
        modules.Contains("Conv2d_1a_3x3.conv") && modules.Contains("Mixed_7c.branch3x3dbl_3b.conv") && modules.Contains("fc");

    public string Architecture(NamedModules modules) => InputChannels(modules) == 1 ? "inception1" : "inception3";

    public (string Logits, long ClassCount) Emit(OnnxGraphBuilder builder, NamedModules modules, string crops)
    {
        var channels = InputChannels(modules);
        var x = channels == 1 ? crops : builder.Expand(crops, [1, channels, 1, 1], "repeat_channels");
        x = ConvBlock(builder, modules, x, "Conv2d_1a_3x3");
        x = ConvBlock(builder, modules, x, "Conv2d_2a_3x3");
        x = ConvBlock(builder, modules, x, "Conv2d_2b_3x3");
        x = builder.MaxPool(x, modules.Get<MaxPool2d>("maxpool1"), "maxpool1");
        x = ConvBlock(builder, modules, x, "Conv2d_3b_1x1");
        x = ConvBlock(builder, modules, x, "Conv2d_4a_3x3");
        x = builder.MaxPool(x, modules.Get<MaxPool2d>("maxpool2"), "maxpool2");
        foreach (var name in new[] { "Mixed_5b", "Mixed_5c", "Mixed_5d" })
            x = InceptionA(builder, modules, x, name);
        x = InceptionB(builder, modules, x, "Mixed_6a");
        foreach (var name in new[] { "Mixed_6b", "Mixed_6c", "Mixed_6d", "Mixed_6e" })
            x = InceptionC(builder, modules, x, name);
        x = InceptionD(builder, modules, x, "Mixed_7a");
        x = InceptionE(builder, modules, x, "Mixed_7b");
        x = InceptionE(builder, modules, x, "Mixed_7c");
        x = builder.GlobalAveragePool(x, "avgpool");
        x = builder.Flatten(x, 1, "flatten"); // dropout is the identity in eval mode
        var fc = modules.Get<Linear>("fc");
        return (builder.Gemm(x, fc, "fc"), fc.out_features);
    }

    private static long InputChannels(NamedModules modules) => modules.Get<Conv2d>("Conv2d_1a_3x3.conv").in_channels;

    private static string ConvBlock(OnnxGraphBuilder b, NamedModules m, string x, string path)
    {
        x = b.Conv(x, m.Get<Conv2d>($"{path}.conv"), $"{path}.conv");
        x = b.BatchNorm(x, m.Get<BatchNorm2d>($"{path}.bn"), $"{path}.bn");
        return b.Relu(x, $"{path}.relu");
    }

    private static string BranchPool(OnnxGraphBuilder b, NamedModules m, string x, string path)
    {
        var pooled = b.AveragePool(x, [3, 3], [1, 1], [1, 1], countIncludePad: true, $"{path}.avg_pool");
        return ConvBlock(b, m, pooled, $"{path}.branch_pool");
    }

    private static string Chain(OnnxGraphBuilder b, NamedModules m, string x, string path, params string[] blocks)
    {
        foreach (var block in blocks)
            x = ConvBlock(b, m, x, $"{path}.{block}");
        return x;
    }

    private static string InceptionA(OnnxGraphBuilder b, NamedModules m, string x, string path) =>
        b.Concat(
        [
            Chain(b, m, x, path, "branch1x1"),
            Chain(b, m, x, path, "branch5x5_1", "branch5x5_2"),
            Chain(b, m, x, path, "branch3x3dbl_1", "branch3x3dbl_2", "branch3x3dbl_3"),
            BranchPool(b, m, x, path),
        ], 1, path);

    private static string InceptionB(OnnxGraphBuilder b, NamedModules m, string x, string path) =>
        b.Concat(
        [
            Chain(b, m, x, path, "branch3x3"),
            Chain(b, m, x, path, "branch3x3dbl_1", "branch3x3dbl_2", "branch3x3dbl_3"),
            b.MaxPool(x, [3, 3], [2, 2], [0, 0], $"{path}.max_pool"),
        ], 1, path);

    private static string InceptionC(OnnxGraphBuilder b, NamedModules m, string x, string path) =>
        b.Concat(
        [
            Chain(b, m, x, path, "branch1x1"),
            Chain(b, m, x, path, "branch7x7_1", "branch7x7_2", "branch7x7_3"),
            Chain(b, m, x, path, "branch7x7dbl_1", "branch7x7dbl_2", "branch7x7dbl_3", "branch7x7dbl_4", "branch7x7dbl_5"),
            BranchPool(b, m, x, path),
        ], 1, path);

    private static string InceptionD(OnnxGraphBuilder b, NamedModules m, string x, string path) =>
        b.Concat(
        [
            Chain(b, m, x, path, "branch3x3_1", "branch3x3_2"),
            Chain(b, m, x, path, "branch7x7x3_1", "branch7x7x3_2", "branch7x7x3_3", "branch7x7x3_4"),
            b.MaxPool(x, [3, 3], [2, 2], [0, 0], $"{path}.max_pool"),
        ], 1, path);

    private static string InceptionE(OnnxGraphBuilder b, NamedModules m, string x, string path)
    {
        var branch3x3 = Chain(b, m, x, path, "branch3x3_1");
        var branch3x3dbl = Chain(b, m, x, path, "branch3x3dbl_1", "branch3x3dbl_2");
        return b.Concat(
        [
            Chain(b, m, x, path, "branch1x1"),
            b.Concat([Chain(b, m, branch3x3, path, "branch3x3_2a"), Chain(b, m, branch3x3, path, "branch3x3_2b")], 1, $"{path}.branch3x3"),
            b.Concat([Chain(b, m, branch3x3dbl, path, "branch3x3dbl_3a"), Chain(b, m, branch3x3dbl, path, "branch3x3dbl_3b")], 1, $"{path}.branch3x3dbl"),
            BranchPool(b, m, x, path),
        ], 1, path);
    }
}
