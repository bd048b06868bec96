using Ensemble.Training.Recipes;

namespace Ensemble.Training.Runs;

/// <summary>
/// Per-sample in-batch augmentations on one crop [mels, frames] (RECIPE "In-batch augmentation"): time flip, random
/// erasing (torchvision's defaults: area 2-33 %, aspect 0.3-3.3), coarse dropout (up to 8 holes of up to 1/8 of each
/// side) and, for Inception, random resized crop (area 8-100 %, aspect 3/4-4/3, bilinear back to full size). Erased
/// areas take the crop's mean (0 for the normalised crops training uses).
/// </summary>
public sealed class SampleAugmenter(AugmentationRecipe recipe, bool randomResizedCrop)
{
    public const int CoarseDropoutMaxHoles = 8;
    public const int CoarseDropoutSideFraction = 8;

    public void Apply(Span<float> crop, int mels, int frames, Random random)
    {
        if (randomResizedCrop && random.NextDouble() < recipe.RandomResizedCropProbability)
            RandomResizedCrop(crop, mels, frames, random);
        if (random.NextDouble() < recipe.FlipProbability)
            for (var m = 0; m < mels; m++)
                crop.Slice(m * frames, frames).Reverse();
        if (random.NextDouble() < recipe.ErasingProbability)
            RandomErase(crop, mels, frames, random);
        if (random.NextDouble() < recipe.CoarseDropoutProbability)
            CoarseDropout(crop, mels, frames, random);
    }

    private static float Mean(Span<float> crop)
    {
        var sum = 0.0;
        foreach (var v in crop)
            sum += v;
        return (float)(sum / crop.Length);
    }

    private static void Fill(Span<float> crop, int frames, int top, int left, int height, int width, float value)
    {
        for (var m = top; m < top + height; m++)
            crop.Slice(m * frames + left, width).Fill(value);
    }

    private static (int Height, int Width)? SampleBox(int mels, int frames, double minArea, double maxArea, double minRatio, double maxRatio, Random random)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var area = mels * frames * (minArea + random.NextDouble() * (maxArea - minArea));
            var ratio = Math.Exp(Math.Log(minRatio) + random.NextDouble() * (Math.Log(maxRatio) - Math.Log(minRatio)));
            var width = (int)Math.Round(Math.Sqrt(area * ratio));
            var height = (int)Math.Round(Math.Sqrt(area / ratio));
            if (width >= 1 && height >= 1 && width <= frames && height <= mels)
                return (height, width);
        }
        return null;
    }

    private static void RandomErase(Span<float> crop, int mels, int frames, Random random)
    {
        if (SampleBox(mels, frames, 0.02, 0.33, 0.3, 3.3, random) is not var (h, w))
            return;
        Fill(crop, frames, random.Next(mels - h + 1), random.Next(frames - w + 1), h, w, Mean(crop));
    }

    private static void CoarseDropout(Span<float> crop, int mels, int frames, Random random)
    {
        var mean = Mean(crop);
        var holes = 1 + random.Next(CoarseDropoutMaxHoles);
        for (var i = 0; i < holes; i++)
        {
            var h = 1 + random.Next(Math.Max(1, mels / CoarseDropoutSideFraction));
            var w = 1 + random.Next(Math.Max(1, frames / CoarseDropoutSideFraction));
            Fill(crop, frames, random.Next(mels - h + 1), random.Next(frames - w + 1), h, w, mean);
        }
    }

    private static void RandomResizedCrop(Span<float> crop, int mels, int frames, Random random)
    {
        // Width is along time, height along mel: torchvision's ratio is width / height.
        if (SampleBox(mels, frames, 0.08, 1.0, 3.0 / 4.0, 4.0 / 3.0, random) is not var (h, w))
            return;
        var top = random.Next(mels - h + 1);
        var left = random.Next(frames - w + 1);
        var source = crop.ToArray();
        for (var m = 0; m < mels; m++)
        {
            var y = Math.Clamp(top + (m + 0.5) * h / mels - 0.5, top, top + h - 1);
            var y0 = (int)Math.Floor(y);
            var y1 = Math.Min(y0 + 1, top + h - 1);
            var fy = (float)(y - y0);
            for (var t = 0; t < frames; t++)
            {
                var x = Math.Clamp(left + (t + 0.5) * w / frames - 0.5, left, left + w - 1);
                var x0 = (int)Math.Floor(x);
                var x1 = Math.Min(x0 + 1, left + w - 1);
                var fx = (float)(x - x0);
                var a = source[y0 * frames + x0] * (1 - fx) + source[y0 * frames + x1] * fx;
                var b = source[y1 * frames + x0] * (1 - fx) + source[y1 * frames + x1] * fx;
                crop[m * frames + t] = a * (1 - fy) + b * fy;
            }
        }
    }
}
