using Ensemble.Training.Features;

namespace Ensemble.Training.Runs;

/// <summary>
/// Picks fixed-width crops of a log-mel (RECIPE "Crops"): strength-adaptive random crops for training, evenly spaced
/// crops for TTA; clips shorter than the crop are wrapped around. Output is row-major [MelBands, width].
/// </summary>
public static class CropPicker
{
    /// <summary>Mel bins 0..83 decide a window's strength (RECIPE).</summary>
    public const int StrengthBands = 84;

    /// <summary>Start frame of a strength-adaptive crop: probability ∝ (window dB sum − smallest window sum).</summary>
    public static int StrengthAdaptiveStart(FeatureMatrix features, int width, Random random)
    {
        var starts = features.Frames - width + 1;
        if (starts <= 1)
            return 0;
        var bands = Math.Min(StrengthBands, features.MelBands);
        var columnSums = new double[features.Frames];
        for (var m = 0; m < bands; m++)
        {
            var row = features.Values.AsSpan(m * features.Frames, features.Frames);
            for (var t = 0; t < features.Frames; t++)
                columnSums[t] += row[t];
        }
        var windows = new double[starts];
        var sum = 0.0;
        for (var t = 0; t < width; t++)
            sum += columnSums[t];
        windows[0] = sum;
        for (var s = 1; s < starts; s++)
        {
            sum += columnSums[s + width - 1] - columnSums[s - 1];
            windows[s] = sum;
        }
        var min = windows.Min();
        var total = windows.Sum(w => w - min);
        if (!(total > 0))
            return random.Next(starts);
        var target = random.NextDouble() * total;
        for (var s = 0; s < starts; s++)
        {
            target -= windows[s] - min;
            if (target <= 0)
                return s;
        }
        return starts - 1;
    }

    /// <summary>Starts of <paramref name="count"/> evenly spaced crops covering the clip (one centred crop when count is 1).</summary>
    public static int[] TtaStarts(int frames, int width, int count)
    {
        var last = Math.Max(0, frames - width);
        if (count == 1)
            return [last / 2];
        return Enumerable.Range(0, count).Select(i => (int)Math.Round((double)i * last / (count - 1))).ToArray();
    }

    /// <summary>Copies the crop starting at <paramref name="start"/> into <paramref name="destination"/>, wrapping past the end.</summary>
    public static void Copy(FeatureMatrix features, int start, int width, Span<float> destination)
    {
        for (var m = 0; m < features.MelBands; m++)
        {
            var row = features.Values.AsSpan(m * features.Frames, features.Frames);
            var target = destination.Slice(m * width, width);
            for (var t = 0; t < width; t++)
                target[t] = row[(start + t) % features.Frames];
        }
    }
}
