using TorchSharp;
using static TorchSharp.torch;

namespace Ensemble.Models.Augmentation;

/// <summary>torchvision's RandomErasing per sample of a [B, C, F, T] batch (the same rectangle on every channel).</summary>
public sealed class RandomErasing(RandomErasingOptions options, int seed) : IBatchAugmentation
{
    private readonly AugmentationRandom _random = new(seed);

    public RandomErasingOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>The rectangle torchvision's get_params would pick, or null when it is skipped (probability) or none fits.</summary>
    public Rectangle? SampleRectangle(int height, int width)
    {
        if (!_random.Bernoulli(Options.Probability))
            return null;
        var area = (double)height * width;
        var logRatioMin = Math.Log(Options.RatioMin);
        var logRatioMax = Math.Log(Options.RatioMax);
        for (var attempt = 0; attempt < RandomErasingOptions.Attempts; attempt++)
        {
            var eraseArea = area * _random.Uniform(Options.ScaleMin, Options.ScaleMax);
            var aspect = Math.Exp(_random.Uniform(logRatioMin, logRatioMax));
            var h = (int)Math.Round(Math.Sqrt(eraseArea * aspect));
            var w = (int)Math.Round(Math.Sqrt(eraseArea / aspect));
            if (h >= height || w >= width || h < 1 || w < 1)
                continue;
            return new Rectangle(_random.Integer(0, height - h + 1), _random.Integer(0, width - w + 1), h, w);
        }
        return null;
    }

    public Tensor Apply(Tensor batch)
    {
        BatchShape.Require(batch);
        using var scope = NewDisposeScope();
        var result = batch.clone();
        for (var i = 0; i < batch.shape[0]; i++)
        {
            if (SampleRectangle((int)batch.shape[2], (int)batch.shape[3]) is { } r)
                BatchShape.Region(result, i, r).fill_(Options.Value);
        }
        return scope.MoveToOuter(result);
    }
}
