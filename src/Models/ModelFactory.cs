using Ensemble.Models.Architectures;
using TorchSharp;
using static TorchSharp.torch;

namespace Ensemble.Models;

/// <summary>Builds the network a <see cref="ModelSpec"/> names, freshly initialised, in training mode, on the CPU.</summary>
public static class ModelFactory
{
    /// <param name="generator">Draws the initial weights and, in training, the dropout masks, so a seeded generator gives
    /// the same network and the same training draws whatever else the process does. Null (models whose weights are
    /// loaded from a file and that run in eval mode): libtorch's default generator.</param>
    public static nn.Module<Tensor, Tensor> Create(ModelSpec spec, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Architecture switch
        {
            ModelSpec.CustomCnn => new CustomCnn(new CustomCnnOptions(spec.WidthMultiplier, spec.Classes), generator),
            ModelSpec.Inception3 => new InceptionV3(new InceptionV3Options(3, spec.Classes, widthMultiplier: spec.WidthMultiplier), generator),
            ModelSpec.Inception1 => new InceptionV3(new InceptionV3Options(1, spec.Classes, widthMultiplier: spec.WidthMultiplier), generator),
            _ => throw new ArgumentException($"unknown architecture '{spec.Architecture}'", nameof(spec)),
        };
    }

    /// <summary>Number of trainable parameters (what torchvision's sum(p.numel()) counts; batch-norm buffers excluded).</summary>
    public static long CountParameters(nn.Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        return module.parameters().Sum(p => p.numel());
    }
}
