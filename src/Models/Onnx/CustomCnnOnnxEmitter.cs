using Ensemble.Models.Architectures;
using TorchSharp.Modules;

namespace Ensemble.Models.Onnx;

/// <summary>
/// <see cref="CustomCnn"/> in eval mode, following its forward: five blocks of 2 × (conv, BN, ReLU), scSE and
/// max pool + average pool (kernel = stride = <see cref="CustomCnnOptions.PoolKernels"/>) summed; then max + mean
/// over frequency, mean over time, and the head BN → Linear → PReLU → BN → Linear (dropouts are the identity).
/// Every reduction is over whole axes, so the frame axis stays dynamic.
/// </summary>
public sealed class CustomCnnOnnxEmitter : IOnnxArchitectureEmitter
{
    private const int BlockCount = 5;

    /// <summary>Two frequency pools of 4 and two time pools of 3 must leave at least one cell.</summary>
    public (int MelBands, int Frames) MinimumCropShape => (16, CustomCnnOptions.MinimumFrames);

    public bool Matches(NamedModules modules) => modules.Root is CustomCnn;

    public string Architecture(NamedModules modules) => ModelSpec.CustomCnn;

    public (string Logits, long ClassCount) Emit(OnnxGraphBuilder builder, NamedModules modules, string crops)
    {
        var x = crops;
        for (var i = 0; i < BlockCount; i++)
            x = Block(builder, modules, x, $"block{i + 1}", CustomCnnOptions.PoolKernels[i]);

        var overFrequency = builder.Add(
            builder.ReduceMax(x, [2], keepDims: false, "head.freq_max"),
            builder.ReduceMean(x, [2], keepDims: false, "head.freq_mean"),
            "head.freq_pool"); // [N, C, T]
        var features = builder.ReduceMean(overFrequency, [2], keepDims: false, "head.time_mean"); // [N, C]
        var h = builder.BatchNorm(features, modules.Get<BatchNorm1d>("head_bn1"), "head_bn1");
        h = builder.Gemm(h, modules.Get<Linear>("head_fc1"), "head_fc1");
        h = builder.PRelu(h, modules.Get<PReLU>("head_prelu"), inputRank: 2, "head_prelu");
        h = builder.BatchNorm(h, modules.Get<BatchNorm1d>("head_bn2"), "head_bn2");
        var fc = modules.Get<Linear>("head_fc2");
        return (builder.Gemm(h, fc, "head_fc2"), fc.out_features);
    }

    private static string Block(OnnxGraphBuilder b, NamedModules m, string x, string path, (int Frequency, int Time) pool)
    {
        x = b.Relu(b.BatchNorm(b.Conv(x, m.Get<Conv2d>($"{path}.conv1"), $"{path}.conv1"), m.Get<BatchNorm2d>($"{path}.bn1"), $"{path}.bn1"), $"{path}.relu1");
        x = b.Relu(b.BatchNorm(b.Conv(x, m.Get<Conv2d>($"{path}.conv2"), $"{path}.conv2"), m.Get<BatchNorm2d>($"{path}.bn2"), $"{path}.bn2"), $"{path}.relu2");
        x = Scse(b, m, x, $"{path}.scse");
        long[] kernel = [pool.Frequency, pool.Time];
        return b.Add(
            b.MaxPool(x, kernel, kernel, [0, 0], $"{path}.max_pool"),
            b.AveragePool(x, kernel, kernel, [0, 0], countIncludePad: true, $"{path}.avg_pool"),
            $"{path}.pool");
    }

    /// <summary>x·sigmoid(expand(relu(reduce(mean_HW x)))) + x·sigmoid(sse_conv x), as <see cref="Architectures.Scse"/>.</summary>
    private static string Scse(OnnxGraphBuilder b, NamedModules m, string x, string path)
    {
        var squeezed = b.GlobalAveragePool(x, $"{path}.squeeze");
        var channelGate = b.Relu(b.Conv(squeezed, m.Get<Conv2d>($"{path}.cse_reduce"), $"{path}.cse_reduce"), $"{path}.cse_relu");
        channelGate = b.Sigmoid(b.Conv(channelGate, m.Get<Conv2d>($"{path}.cse_expand"), $"{path}.cse_expand"), $"{path}.cse_gate");
        var spatialGate = b.Sigmoid(b.Conv(x, m.Get<Conv2d>($"{path}.sse_conv"), $"{path}.sse_conv"), $"{path}.sse_gate");
        return b.Add(b.Mul(x, channelGate, $"{path}.cse"), b.Mul(x, spatialGate, $"{path}.sse"), path);
    }
}
