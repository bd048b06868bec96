using TorchSharp;
using static TorchSharp.torch;

namespace Ensemble.Models.Augmentation;

/// <summary>Coarse dropout per sample of a [B, C, F, T] batch (holes shared by all channels; holes may overlap).</summary>
public sealed class CoarseDropout(CoarseDropoutOptions options, int seed) : IBatchAugmentation
{
    private readonly AugmentationRandom _random = new(seed);

    public CoarseDropoutOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>The holes for one sample (empty when skipped); each is clipped to the map as albumentations does.</summary>
    public IReadOnlyList<Rectangle> SampleHoles(int height, int width)
    {
        if (!_random.Bernoulli(Options.Probability))
            return [];
        var count = _random.Integer(Options.MinHoles, Options.MaxHoles + 1);
        var holes = new Rectangle[count];
        for (var i = 0; i < count; i++)
        {
            var h = Math.Min(height, _random.Integer(Options.MinHeight, Options.MaxHeight + 1));
            var w = Math.Min(width, _random.Integer(Options.MinWidth, Options.MaxWidth + 1));
            holes[i] = new Rectangle(_random.Integer(0, height - h + 1), _random.Integer(0, width - w + 1), h, w);
        }
        return holes;
    }

    public Tensor Apply(Tensor batch)
    {
        BatchShape.Require(batch);
        using var scope = NewDisposeScope();
        var result = batch.clone();
        for (var i = 0; i < batch.shape[0]; i++)
        {
            foreach (var hole in SampleHoles((int)batch.shape[2], (int)batch.shape[3]))
                BatchShape.Region(result, i, hole).fill_(Options.Fill);
        }
        return scope.MoveToOuter(result);
    }
}
