using Ensemble.Models;
using Ensemble.Training.Recipes;

namespace Ensemble.Training.Runs;

/// <summary>
/// One training stage of one model: noisy pretraining (no validation) or a fold's curated fine-tuning (validated on
/// the held-out clips every epoch). <see cref="InitialWeights"/> is the pretrained checkpoint to start from, if any.
/// </summary>
public sealed record StageRequest(
    string Label,
    string Directory,
    ModelSpec Spec,
    bool RandomResizedCrop,
    IReadOnlyList<TrainingItem> Train,
    IReadOnlyList<TrainingItem> Validation,
    int Epochs,
    int Seed,
    int CropFrames,
    int ValidationTtaCrops,
    OptimizerOptions Optimizer,
    AugmentationRecipe Augmentation,
    string? InitialWeights);
