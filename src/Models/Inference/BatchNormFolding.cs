using Ensemble.Models.Architectures;
using static TorchSharp.torch;

namespace Ensemble.Models.Inference;

/// <summary>
/// Folds every batch norm that follows a convolution into it (<see cref="IFoldsBatchNorm"/>), for eval-mode
/// inference: one convolution with a bias instead of a convolution, then a normalisation pass over its output. Call
/// after the model is on its device and in its dtype; a later change of weights, device or dtype needs a new fold.
/// The logits match the unfolded model's to float rounding (tests/Models.Tests/Inference/BatchNormFoldingTests.cs).
/// </summary>
public static class BatchNormFolding
{
    /// <summary>Folds <paramref name="model"/> and its submodules; returns how many modules were folded.</summary>
    public static int Fold(nn.Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var folded = 0;
        foreach (var module in Foldable(model))
        {
            module.FoldBatchNorm();
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
