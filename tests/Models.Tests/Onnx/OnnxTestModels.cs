using Ensemble.Models.Inference;
using Ensemble.Models.Onnx;
using Google.Protobuf;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ensemble.Models.Tests.Onnx;

/// <summary>Shared helpers: random eval-mode statistics, TorchSharp reference logits, ORT logits of an export.</summary>
internal static class OnnxTestModels
{
    /// <summary>
    /// Gives batch norms random affine terms and the running statistics of one training-mode pass over random
    /// crops, like a trained model: activations stay near unit scale, so logits are O(1) and a 1e-4 comparison
    /// means something in float32.
    /// </summary>
    public static void CalibrateBatchNorms(nn.Module<Tensor, Tensor> model, int channels, int mels, int frames, long seed)
    {
        using var generator = new Generator((ulong)seed);
        using var noGrad = no_grad();
        var norms = model.named_modules().Select(entry => entry.module).OfType<BatchNorm>().ToList();
        foreach (var bn in norms)
        {
            bn.weight!.copy_(rand(bn.num_features, generator: generator) + 0.5f);
            bn.bias!.copy_(randn(bn.num_features, generator: generator) * 0.1f);
            bn.momentum = 1.0; // running statistics = this batch's statistics
        }
        model.train();
        using (var scope = NewDisposeScope())
            model.call((rand([8, 1, mels, frames], generator: generator) * 2 - 1).expand(8, channels, mels, frames)); // the test crops' distribution
        foreach (var bn in norms)
            bn.momentum = 0.1;
        model.eval();
    }

    public static float[] RandomCrops(int count, int seed)
    {
        var random = new Random(seed);
        var crops = new float[count];
        for (var i = 0; i < crops.Length; i++)
            crops[i] = (float)(random.NextDouble() * 2 - 1);
        return crops;
    }

    /// <summary>Eval-mode logits of <paramref name="model"/> for [batch, 1, mels, frames] crops repeated to <paramref name="channels"/>.</summary>
    public static float[] TorchLogits(nn.Module<Tensor, Tensor> model, float[] crops, int batch, int mels, int frames, int channels)
    {
        model.eval();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var input = tensor(crops, [batch, 1, mels, frames]);
        if (channels > 1)
            input = input.expand(batch, channels, mels, frames).contiguous();
        return model.call(input).data<float>().ToArray();
    }

    public static OnnxModelRunner Runner(nn.Module model, OnnxExportOptions options, int? cropFrames = null) =>
        new(OnnxExporter.Export(model, options).ToByteArray(), model.GetName(), new OnnxModelRunnerOptions(cropFrames: cropFrames));

    public static float MaxAbsDifference(float[] a, float[] b)
    {
        Assert.Equal(a.Length, b.Length);
        var max = 0f;
        for (var i = 0; i < a.Length; i++)
            max = Math.Max(max, Math.Abs(a[i] - b[i]));
        return max;
    }

    public static float MaxAbs(float[] values) => values.Max(Math.Abs);
}
