using TorchSharp;
using static TorchSharp.torch;

namespace Ensemble.Models.Augmentation;

/// <summary>torchvision's RandomResizedCrop per sample of a [B, C, F, T] batch; output [B, C, OutputMelBands, OutputFrames].</summary>
public sealed class RandomResizedCrop(RandomResizedCropOptions options, int seed) : IBatchAugmentation
{
    private readonly AugmentationRandom _random = new(seed);

    public RandomResizedCropOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>torchvision's get_params: up to 10 random windows, else the largest central window within the ratio range.</summary>
    public Rectangle SampleWindow(int height, int width)
    {
        var area = (double)height * width;
        var logRatioMin = Math.Log(Options.RatioMin);
        var logRatioMax = Math.Log(Options.RatioMax);
        for (var attempt = 0; attempt < RandomResizedCropOptions.Attempts; attempt++)
        {
            var targetArea = area * _random.Uniform(Options.ScaleMin, Options.ScaleMax);
            var aspect = Math.Exp(_random.Uniform(logRatioMin, logRatioMax));
            var w = (int)Math.Round(Math.Sqrt(targetArea * aspect));
            var h = (int)Math.Round(Math.Sqrt(targetArea / aspect));
            if (w > 0 && w <= width && h > 0 && h <= height)
                return new Rectangle(_random.Integer(0, height - h + 1), _random.Integer(0, width - w + 1), h, w);
        }
        var inRatio = (double)width / height;
        int cropW, cropH;
        if (inRatio < Options.RatioMin)
        {
            cropW = width;
            cropH = (int)Math.Round(cropW / Options.RatioMin);
        }
        else if (inRatio > Options.RatioMax)
        {
            cropH = height;
            cropW = (int)Math.Round(cropH * Options.RatioMax);
        }
        else
        {
            cropW = width;
            cropH = height;
        }
        return new Rectangle((height - cropH) / 2, (width - cropW) / 2, cropH, cropW);
    }

    public Tensor Apply(Tensor batch)
    {
        BatchShape.Require(batch);
        using var scope = NewDisposeScope();
        var size = new long[] { Options.OutputMelBands, Options.OutputFrames };
        var samples = new List<Tensor>((int)batch.shape[0]);
        for (var i = 0; i < batch.shape[0]; i++)
        {
            var window = _random.Bernoulli(Options.Probability)
                ? SampleWindow((int)batch.shape[2], (int)batch.shape[3])
                : new Rectangle(0, 0, (int)batch.shape[2], (int)batch.shape[3]);
            var crop = BatchShape.Region(batch, i, window).unsqueeze(0);
            samples.Add(nn.functional.interpolate(crop, size, mode: InterpolationMode.Bilinear, align_corners: false));
        }
        return scope.MoveToOuter(cat(samples, 0));
    }
}
