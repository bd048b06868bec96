using Ensemble.Audio.Crops;
using Ensemble.Audio.Features;
using Ensemble.Models.Inference;
using Ensemble.Training.Features;
using TorchSharp;
using static TorchSharp.torch;

namespace Ensemble.Training.Runs;

/// <summary>
/// Scores clips with a model as serving does (RECIPE "Inference"): <c>count</c> TTA crops per clip from
/// <see cref="CropSampler.TtaStarts"/> (seeded by clip name), each crop normalised by <see cref="CropNormalization"/>,
/// sigmoid outputs averaged. Each distinct window is run once and weighted by how often it was drawn
/// (<see cref="CropSampler.DistinctTtaWindows"/>): the same average for a fraction of the work on short clips.
/// </summary>
public static class TtaPredictor
{
    public const int DefaultBatchSize = 64;

    /// <summary>Clips loaded at a time by the <see cref="ILogMelSource"/> overload: bounds memory on large test sets.</summary>
    public const int ClipsPerChunk = 256;

    /// <summary>As the <see cref="LogMel"/> overload, loading <see cref="ClipsPerChunk"/> clips at a time.</summary>
    public static float[] Predict(nn.Module<Tensor, Tensor> model, IReadOnlyList<string> names, IReadOnlyList<ILogMelSource> clips, CropSampler sampler,
        int seed, int count, int classes, int batchSize = DefaultBatchSize)
    {
        if (names.Count != clips.Count)
            throw new ArgumentException($"{names.Count} names for {clips.Count} clips", nameof(names));
        var result = new float[clips.Count * classes];
        for (var first = 0; first < clips.Count; first += ClipsPerChunk)
        {
            var n = Math.Min(ClipsPerChunk, clips.Count - first);
            var loaded = Enumerable.Range(first, n).Select(i => clips[i].Load()).ToArray();
            var chunkNames = names.Skip(first).Take(n).ToArray();
            Predict(model, chunkNames, loaded, sampler, seed, count, classes, batchSize).CopyTo(result, first * classes);
        }
        return result;
    }

    /// <returns>Row-major [clips, classes] probabilities.</returns>
    public static float[] Predict(nn.Module<Tensor, Tensor> model, IReadOnlyList<string> names, IReadOnlyList<LogMel> clips, CropSampler sampler,
        int seed, int count, int classes, int batchSize = DefaultBatchSize)
    {
        if (names.Count != clips.Count)
            throw new ArgumentException($"{names.Count} names for {clips.Count} clips", nameof(names));
        if (clips.Count == 0)
            return [];
        var mels = clips[0].MelBands;
        var width = sampler.Options.CropWidthFrames;
        var cropLength = mels * width;
        var jobs = clips.SelectMany((clip, i) => sampler.DistinctTtaWindows(clip, names[i], seed, count)
                .Select(w => (Clip: i, w.Start, Weight: w.Count)))
            .ToArray();
        var sums = new double[clips.Count * classes];
        model.eval();
        using var noGrad = no_grad();
        for (var first = 0; first < jobs.Length; first += batchSize)
        {
            var n = Math.Min(batchSize, jobs.Length - first);
            var buffer = new float[n * cropLength];
            for (var j = 0; j < n; j++)
            {
                var (clip, start, _) = jobs[first + j];
                if (clips[clip].MelBands != mels)
                    throw new ArgumentException($"{names[clip]} has {clips[clip].MelBands} mel bands, expected {mels}", nameof(clips));
                sampler.Extract(clips[clip], start, buffer.AsSpan(j * cropLength, cropLength));
            }
            CropNormalization.NormalizeInPlace(buffer, cropLength);
            using var scope = NewDisposeScope();
            var probabilities = sigmoid(model.forward(tensor(buffer, [n, 1, mels, width]))).data<float>().ToArray();
            for (var j = 0; j < n; j++)
            {
                var (clip, _, weight) = jobs[first + j];
                for (var c = 0; c < classes; c++)
                    sums[clip * classes + c] += weight * probabilities[j * classes + c];
            }
        }
        return sums.Select(s => (float)(s / count)).ToArray();
    }
}
