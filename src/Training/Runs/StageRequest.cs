using Ensemble.Audio;
using Ensemble.Models;
using Ensemble.Training.Recipes;
using Ensemble.Settings;

namespace Ensemble.Training.Runs;

/// <summary>
/// One training stage of one model: noisy pretraining (no validation) or a fold's curated fine-tuning (validated on
/// the held-out clips every epoch). <see cref="InitialWeights"/> is the pretrained checkpoint to start from, if any;
/// <see cref="Classes"/> and <see cref="RunId"/> go into the checkpoint's sidecar.
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
    AudioOptions Audio,
    OptimizerOptions Optimizer,
    AugmentationRecipe Augmentation,
    string? InitialWeights,
    IReadOnlyList<string> Classes,
    string RunId);
