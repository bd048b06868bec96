using static TorchSharp.torch;

namespace Ensemble.Models.Architectures;

/// <summary>
/// A module whose batch norms can be folded into the convolutions before them for inference
/// (<see cref="Ensemble.Models.Inference.BatchNormFolding"/>). Folding is a cache: the parameters stay as they are
/// and are what training and checkpoints see; eval-mode forwards use the folded convolutions until
/// <see cref="UnfoldBatchNorm"/>.
/// </summary>
public interface IFoldsBatchNorm
{
    /// <summary>Whether eval-mode forwards use folded convolutions.</summary>
    bool IsBatchNormFolded { get; }

    /// <summary>Folds from the current weights and running statistics (in float64), on their device, stored in
    /// <paramref name="dtype"/> (the dtype the module will run in).</summary>
    void FoldBatchNorm(ScalarType dtype);

    /// <summary>Drops the folded convolutions; forwards use the parameters again.</summary>
    void UnfoldBatchNorm();
}
