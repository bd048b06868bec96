using Ensemble.Models.Architectures;
using static TorchSharp.torch;

namespace Ensemble.Models.Inference;

/// <summary>
/// Folds every batch norm that follows a convolution into it (<see cref="IFoldsBatchNorm"/>), for eval-mode
/// inference: one convolution with a bias instead of a convolution, then a normalisation pass over its output. Call
/// after the model is on its device (before a cast to bf16: the fold is computed from the fp32 weights and stored in
/// <c>dtype</c>); a later change of weights, device or dtype needs a new fold.
/// The logits match the unfolded model's to float rounding (tests/Models.Tests/Inference/BatchNormFoldingTests.cs).
/// </summary>
public static class BatchNormFolding
{
    /// <summary>Folds <paramref name="model"/> and its submodules for running in <paramref name="dtype"/>; returns how many
    /// modules were folded.</summary>
    public static int Fold(nn.Module model, ScalarType dtype = ScalarType.Float32)
    {
        ArgumentNullException.ThrowIfNull(model);
        var folded = 0;
        foreach (var module in Foldable(model))
        {
            module.FoldBatchNorm(dtype);
            folded++;
        }
        return folded;
    }

    /// <summary>Drops every fold, so forwards use the parameters again.</summary>
    public static void Unfold(nn.Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        foreach (var module in Foldable(model))
            module.UnfoldBatchNorm();
    }

    private static IEnumerable<IFoldsBatchNorm> Foldable(nn.Module model) =>
        new[] { model }.Concat(model.modules()).Distinct().OfType<IFoldsBatchNorm>();
}
