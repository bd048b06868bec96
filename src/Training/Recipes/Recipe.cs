using Ensemble.Audio;
using Ensemble.Settings;

namespace Ensemble.Training.Recipes;

/// <summary>
/// A training recipe (recipes/*.json, every field documented in docs/training.md): data, models, optimiser,
/// augmentations, folds, the audio front end (log-mel, crops, TTA counts: the shared <see cref="AudioOptions"/>) and
/// the blend used for serving (equal weights, OOF-optimised, or OOF-optimised shrunk by <see cref="Blending.BlendGuard"/>).
/// Every kept checkpoint is also exported to ONNX (serving picks the backend per device).
/// </summary>
public sealed record Recipe
{
    public const string EqualBlend = "equal";
    public const string OptimizedBlend = "optimized";
    public const string GuardedBlend = "guarded";

    public Recipe(string name, int seed, int folds, DataRecipe data, IReadOnlyList<ModelRecipe> models, OptimizerOptions optimizer,
        AugmentationRecipe augmentation, AudioOptions audio, string servingBlend, int torchThreads)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new ArgumentException("Name must not be empty", nameof(name));
        if (folds < 2)
            throw new ArgumentException($"Folds must be at least 2, got {folds}", nameof(folds));
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(augmentation);
        if (models is null || models.Count == 0)
            throw new ArgumentException("Models must list at least one model", nameof(models));
        var duplicate = models.GroupBy(m => m.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"Models: name '{duplicate.Key}' is used twice", nameof(models));
        var twins = models.GroupBy(m => m.TrainingKey).FirstOrDefault(g => g.Count() > 1);
        if (twins is not null)
            throw new ArgumentException(
                $"Models: {string.Join(" and ", twins.Select(m => $"'{m.Name}'"))} would train to the same weights; give all but one a seedOffset",
                nameof(models));
        ArgumentNullException.ThrowIfNull(audio);
        if (servingBlend is not (EqualBlend or OptimizedBlend or GuardedBlend))
            throw new ArgumentException($"ServingBlend must be '{EqualBlend}', '{OptimizedBlend}' or '{GuardedBlend}', got '{servingBlend}'", nameof(servingBlend));
        if (torchThreads < 0)
            throw new ArgumentException($"TorchThreads must be 0 (all cores) or positive, got {torchThreads}", nameof(torchThreads));
        Name = name;
        Seed = seed;
        Folds = folds;
        Data = data;
        Models = models.ToArray();
        Optimizer = optimizer;
        Augmentation = augmentation;
        Audio = audio;
        ServingBlend = servingBlend;
        TorchThreads = torchThreads;
    }

    public string Name { get; }
    public int Seed { get; }
    public int Folds { get; }
    public DataRecipe Data { get; }
    public IReadOnlyList<ModelRecipe> Models { get; }
    public OptimizerOptions Optimizer { get; }
    public AugmentationRecipe Augmentation { get; }
    public AudioOptions Audio { get; }
    public string ServingBlend { get; }
    public int TorchThreads { get; }
}
