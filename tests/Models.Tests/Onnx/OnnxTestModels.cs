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
    /// Makes <paramref name="model"/> look trained, independent of the architectures' own initialisation: He-scaled
    /// random conv/linear weights, random biases, PReLU slopes, batch-norm affine terms and running statistics near
    /// (0, 1). Activations stay near unit scale, so logits are O(1) and a 1e-4 comparison means something in float32.
    /// With <paramref name="calibrationCrops"/> the running statistics are instead measured in one training-mode pass
    /// over that many random 1×<paramref name="mels"/>×<paramref name="frames"/> crops (for nets whose activations grow
    /// otherwise). Not for Inception: its last maps are 2×2, so a few crops give some channels a tiny variance, and
    /// dividing by it amplifies float32 rounding beyond 1e-4 even between TorchSharp's own float32 and float64 results.
    /// </summary>
    public static void RandomizeLikeTrained(nn.Module<Tensor, Tensor> model, long seed, int calibrationCrops = 0, int mels = 128, int frames = 128)
    {
        var norms = new List<BatchNorm>();
        using var generator = new Generator((ulong)seed);
        using var noGrad = no_grad();
        foreach (var (_, module) in model.named_modules())
        {
            switch (module)
            {
                case Conv2d conv:
                    var fanIn = conv.weight.shape.Skip(1).Aggregate(1L, (a, b) => a * b);
                    conv.weight.copy_(randn(conv.weight.shape, generator: generator) * Math.Sqrt(2.0 / fanIn));
                    conv.bias?.copy_(randn(conv.bias.shape, generator: generator) * 0.1f);
                    break;
                case Linear linear:
                    linear.weight.copy_(randn(linear.weight.shape, generator: generator) / Math.Sqrt(linear.in_features));
                    linear.bias?.copy_(randn(linear.bias.shape, generator: generator) * 0.1f);
                    break;
                case PReLU prelu:
                    prelu.weight.copy_(rand(prelu.weight.shape, generator: generator) * 0.3f + 0.1f);
                    break;
                case BatchNorm bn:
                    bn.weight!.copy_(rand(bn.num_features, generator: generator) * 0.5f + 0.75f);
                    bn.bias!.copy_(randn(bn.num_features, generator: generator) * 0.1f);
                    bn.running_mean!.copy_(randn(bn.num_features, generator: generator) * 0.1f);
                    bn.running_var!.copy_(rand(bn.num_features, generator: generator) * 0.5f + 0.75f);
                    norms.Add(bn);
                    break;
            }
        }
        if (calibrationCrops > 0)
        {
            foreach (var bn in norms)
                bn.momentum = 1.0; // running statistics = this batch's statistics
            model.train();
            using (var scope = NewDisposeScope())
                model.call(CropNormalization.Normalize(rand([calibrationCrops, 1, mels, frames], generator: generator))); // like the runners' inputs
            foreach (var bn in norms)
                bn.momentum = 0.1;
        }
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

    /// <summary>
    /// Eval-mode logits of <paramref name="model"/> for [batch, 1, mels, frames] crops, standardised per crop as the
    /// runners do (repeated to <paramref name="repeatTo"/> channels for modules that do not repeat them).
    /// </summary>
    public static float[] TorchLogits(nn.Module<Tensor, Tensor> model, float[] crops, int batch, int mels, int frames, int repeatTo = 1)
    {
        crops = (float[])crops.Clone();
        CropNormalization.NormalizeInPlace(crops, mels * frames);
        model.eval();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var input = tensor(crops, [batch, 1, mels, frames]);
        if (repeatTo > 1)
            input = input.expand(batch, repeatTo, mels, frames).contiguous();
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
