using Ensemble.Audio.Crops;
using Ensemble.Models.Augmentation;
using Ensemble.Training.Recipes;
using static TorchSharp.torch;

namespace Ensemble.Training.Runs;

/// <summary>
/// The recipe's in-batch augmentations in training order (RECIPE "In-batch augmentation"), built from the
/// <see cref="Ensemble.Models.Augmentation"/> transforms: random resized crop (Inception only), time flip, random
/// erasing and coarse dropout per sample, then mixup of the whole batch with the recipe's probability. One instance per
/// epoch, seeded from the epoch seed, so a resumed run draws what an uninterrupted one would have drawn.
/// </summary>
public sealed class BatchAugmenter
{
    private readonly IReadOnlyList<IBatchAugmentation> _perSample;
    private readonly Mixup _mixup;
    private readonly SplitMixRandom _mixupDecisions;
    private readonly double _mixupProbability;

    public BatchAugmenter(AugmentationRecipe recipe, bool randomResizedCrop, int melBands, int frames, int seed)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        // Each transform gets its own stream so turning one off does not change the others' draws.
        var seeds = SplitMixRandom.FromSeed(seed);
        var perSample = new List<IBatchAugmentation>();
        var rrcSeed = seeds.Next();
        if (randomResizedCrop && recipe.RandomResizedCropProbability > 0)
            perSample.Add(new RandomResizedCrop(new RandomResizedCropOptions(outputMelBands: melBands, outputFrames: frames,
                probability: recipe.RandomResizedCropProbability), rrcSeed));
        perSample.Add(new HorizontalFlip(new HorizontalFlipOptions(recipe.FlipProbability), seeds.Next()));
        perSample.Add(new RandomErasing(new RandomErasingOptions(probability: recipe.ErasingProbability), seeds.Next()));
        perSample.Add(new CoarseDropout(new CoarseDropoutOptions(probability: recipe.CoarseDropoutProbability), seeds.Next()));
        _perSample = perSample;
        _mixup = new Mixup(new MixupOptions(recipe.MixupAlpha), seeds.Next());
        _mixupDecisions = SplitMixRandom.FromSeed(seeds.Next());
        _mixupProbability = recipe.MixupProbability;
    }

    /// <summary>Augments normalised crops [B, 1, mels, frames] and their targets [B, classes]; the inputs are left as they were.</summary>
    public (Tensor Inputs, Tensor Targets) Apply(Tensor inputs, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        using var scope = NewDisposeScope();
        var x = inputs.alias();
        foreach (var augmentation in _perSample)
            x = augmentation.Apply(x);
        var y = targets.alias();
        if (_mixupDecisions.NextDouble() < _mixupProbability)
        {
            var mixed = _mixup.Apply(x, y);
            (x, y) = (mixed.Inputs, mixed.Labels);
        }
        return (scope.MoveToOuter(x), scope.MoveToOuter(y));
    }
}
