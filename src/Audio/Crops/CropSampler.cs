using Ensemble.Audio.Features;
using Ensemble.Settings;

namespace Ensemble.Audio.Crops;

/// <summary>
/// Picks and cuts [mels, CropWidthFrames] crops from a log-mel. Clips shorter than the crop are wrap-padded
/// (frame i reads frame i mod T), so they have exactly one window, start 0.
/// </summary>
public sealed class CropSampler
{
    public CropSampler(CropOptions? options = null)
    {
        Options = options ?? CropOptions.Default;
    }

    public CropOptions Options { get; }

    /// <summary>Number of window starts: T - W + 1, or 1 for a wrap-padded short clip.</summary>
    public int WindowCount(int frames)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frames);
        return Math.Max(frames, Options.CropWidthFrames) - Options.CropWidthFrames + 1;
    }

    public int FixedStart(int frames) => (WindowCount(frames) - 1) / 2;

    public int RandomStart(int frames, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var windows = WindowCount(frames);
        return Math.Min(windows - 1, (int)(random.NextDouble() * windows));
    }

    public int StrengthAdaptiveStart(LogMel logMel, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var probabilities = StartProbabilities(logMel);
        var u = random.NextDouble();
        double cumulative = 0;
        for (var s = 0; s < probabilities.Length; s++)
        {
            cumulative += probabilities[s];
            if (u < cumulative && probabilities[s] > 0)
                return s;
        }
        // Rounding left u above the last cumulative value: take the last start that has weight.
        return Array.FindLastIndex(probabilities, p => p > 0);
    }

    public int Start(LogMel logMel, CropMode mode, Random random)
    {
        ArgumentNullException.ThrowIfNull(logMel);
        return mode switch
        {
            CropMode.Fixed => FixedStart(logMel.Frames),
            CropMode.Random => RandomStart(logMel.Frames, random),
            CropMode.StrengthAdaptive => StrengthAdaptiveStart(logMel, random),
            _ => throw new ArgumentException($"unknown crop mode {mode}", nameof(mode)),
        };
    }

    /// <summary>
    /// Strength-adaptive distribution over window starts: (sum of dB over bins 0..StrengthMelBands-1 and the window's frames
    /// − the smallest such sum), normalised; uniform when every window has the same sum (so the weakest window never wins otherwise).
    /// </summary>
    public double[] StartProbabilities(LogMel logMel)
    {
        ArgumentNullException.ThrowIfNull(logMel);
        if (Options.StrengthMelBands > logMel.MelBands)
            throw new ArgumentException($"CropOptions.StrengthMelBands is {Options.StrengthMelBands} but the log-mel has {logMel.MelBands} bands", nameof(logMel));
        var width = Options.CropWidthFrames;
        var padded = Math.Max(logMel.Frames, width);
        var columns = new double[padded];
        for (var m = 0; m < Options.StrengthMelBands; m++)
        {
            var band = logMel.Band(m);
            for (var t = 0; t < padded; t++)
                columns[t] += band[t % logMel.Frames];
        }
        var windows = WindowCount(logMel.Frames);
        var sums = new double[windows];
        // Direct sums (not a running difference) so equal windows give bit-identical sums and the uniform case is exact.
        for (var s = 0; s < windows; s++)
        {
            double sum = 0;
            for (var t = s; t < s + width; t++)
                sum += columns[t];
            sums[s] = sum;
        }
        var min = sums.Min();
        var total = sums.Sum(x => x - min);
        var probabilities = new double[windows];
        for (var s = 0; s < windows; s++)
            probabilities[s] = total > 0 ? (sums[s] - min) / total : 1.0 / windows;
        return probabilities;
    }

    /// <summary>The crop starting at <paramref name="start"/>: [MelBands, CropWidthFrames] row-major.</summary>
    public float[] Extract(LogMel logMel, int start)
    {
        ArgumentNullException.ThrowIfNull(logMel);
        var crop = new float[logMel.MelBands * Options.CropWidthFrames];
        Extract(logMel, start, crop);
        return crop;
    }

    public void Extract(LogMel logMel, int start, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(logMel);
        var width = Options.CropWidthFrames;
        if (start < 0 || start >= WindowCount(logMel.Frames))
            throw new ArgumentOutOfRangeException(nameof(start), start, $"window starts run 0..{WindowCount(logMel.Frames) - 1}");
        if (destination.Length != logMel.MelBands * width)
            throw new ArgumentException($"destination holds {destination.Length} values, {logMel.MelBands} × {width} needed", nameof(destination));
        for (var m = 0; m < logMel.MelBands; m++)
        {
            var band = logMel.Band(m);
            var row = destination.Slice(m * width, width);
            if (logMel.Frames >= width)
            {
                band.Slice(start, width).CopyTo(row);
            }
            else
            {
                for (var i = 0; i < width; i++)
                    row[i] = band[i % logMel.Frames];
            }
        }
    }

    /// <summary>A training crop with <see cref="CropOptions.TrainingMode"/>.</summary>
    public float[] SampleTraining(LogMel logMel, Random random) => Extract(logMel, Start(logMel, Options.TrainingMode, random));

    /// <summary>The TTA window starts for (clip id, seed, count): the same on every run and machine.</summary>
    public int[] TtaStarts(LogMel logMel, string clipId, int seed, int count)
    {
        ArgumentNullException.ThrowIfNull(logMel);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var random = SplitMixRandom.ForClip(clipId, seed);
        var starts = new int[count];
        for (var i = 0; i < count; i++)
            starts[i] = Start(logMel, Options.TtaMode, random);
        return starts;
    }

    /// <summary>
    /// The distinct windows among <see cref="TtaStarts"/>, in first-drawn order, with how often each was drawn (the
    /// counts sum to <paramref name="count"/>). A clip no longer than one crop has a single window, so its TTA is one
    /// crop: scoring each distinct window once and weighting by its count gives the same mean for less work.
    /// </summary>
    public TtaWindow[] DistinctTtaWindows(LogMel logMel, string clipId, int seed, int count)
    {
        var starts = TtaStarts(logMel, clipId, seed, count);
        var order = new List<int>();
        var counts = new Dictionary<int, int>();
        foreach (var start in starts)
        {
            if (counts.TryGetValue(start, out var seen))
            {
                counts[start] = seen + 1;
            }
            else
            {
                counts[start] = 1;
                order.Add(start);
            }
        }
        return order.Select(start => new TtaWindow(start, counts[start])).ToArray();
    }

    /// <summary>The TTA crops, [count, MelBands, CropWidthFrames] row-major, ready to batch into a model.</summary>
    public float[] TtaCrops(LogMel logMel, string clipId, int seed, int count) =>
        ExtractAll(logMel, TtaStarts(logMel, clipId, seed, count));

    /// <summary>The crops at <paramref name="starts"/>, [starts.Count, MelBands, CropWidthFrames] row-major.</summary>
    public float[] ExtractAll(LogMel logMel, IReadOnlyList<int> starts)
    {
        ArgumentNullException.ThrowIfNull(logMel);
        ArgumentNullException.ThrowIfNull(starts);
        var size = logMel.MelBands * Options.CropWidthFrames;
        var crops = new float[starts.Count * size];
        for (var i = 0; i < starts.Count; i++)
            Extract(logMel, starts[i], crops.AsSpan(i * size, size));
        return crops;
    }
}
