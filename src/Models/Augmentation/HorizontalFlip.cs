using TorchSharp;
using static TorchSharp.torch;

namespace Ensemble.Models.Augmentation;

/// <summary>Reverses the time axis of each sample of a [B, C, F, T] batch with the configured probability.</summary>
public sealed class HorizontalFlip(HorizontalFlipOptions options, int seed) : IBatchAugmentation
{
    private readonly AugmentationRandom _random = new(seed);

    public HorizontalFlipOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>Which samples of a batch of <paramref name="batchSize"/> get flipped.</summary>
    public bool[] SampleFlips(int batchSize)
    {
        var flips = new bool[batchSize];
        for (var i = 0; i < batchSize; i++)
            flips[i] = _random.Bernoulli(Options.Probability);
        return flips;
    }

    public Tensor Apply(Tensor batch)
    {
        BatchShape.Require(batch);
        var flips = SampleFlips((int)batch.shape[0]);
        using var scope = NewDisposeScope();
        using var mask = tensor(flips, device: batch.device).view(-1, 1, 1, 1);
        var result = where(mask, batch.flip(3), batch);
        return scope.MoveToOuter(result);
    }
}
