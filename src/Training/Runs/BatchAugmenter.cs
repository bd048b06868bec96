using Ensemble.Audio.Crops;
using Ensemble.Models.Augmentation;
using Ensemble.Settings;
using Ensemble.Training.Recipes;
using static TorchSharp.torch;

namespace Ensemble.Training.Runs;

/// <summary>
/// The recipe's in-batch augmentations in training order (RECIPE "In-batch augmentation"), built from the
/// <see cref="Ensemble.Models.Augmentation"/> transforms: random resized crop (Inception only), time flip, random
/// erasing and coarse dropout per sample, then mixup of the whole batch with the recipe's probability; before all of
/// them, on each dB crop before standardisation, the recipe's channel steps (<see cref="AugmentDecibels"/>). One
/// instance per epoch, seeded from the epoch seed, so a resumed run draws what an uninterrupted one would have drawn.
/// </summary>
public sealed class BatchAugmenter
{
    private readonly IReadOnlyList<IBatchAugmentation> _perSample;
    private readonly Mixup _mixup;
    private readonly SplitMixRandom _mixupDecisions;
    private readonly double _mixupProbability;
    private readonly ChannelAugmentation? _channel;

    public BatchAugmenter(AugmentationRecipe recipe, bool randomResizedCrop, LogMelOptions logMel, int frames, int seed)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(logMel);
        var melBands = logMel.MelBands;
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
        // Drawn last, so recipes without channel steps draw exactly what they drew before these existed.
        var channelSeed = seeds.Next();
        var channel = recipe.ChannelOptions();
        _channel = channel.Enabled ? new ChannelAugmentation(channel, logMel, channelSeed) : null;
    }

    /// <summary>The channel steps on one crop of dB values [mel bands × frames], in place; nothing when the recipe has none.</summary>
    public void AugmentDecibels(Span<float> crop) => _channel?.Apply(crop);

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
