using Ensemble.Training.Features;
using TorchSharp;
using static TorchSharp.torch;

namespace Ensemble.Training.Runs;

/// <summary>Scores clips with a model: <c>count</c> evenly spaced crops per clip, sigmoid outputs averaged (RECIPE "Inference").</summary>
public static class TtaPredictor
{
    public const int DefaultBatchSize = 64;

    /// <returns>Row-major [clips, classes] probabilities.</returns>
    public static float[] Predict(nn.Module<Tensor, Tensor> model, IReadOnlyList<FeatureMatrix> clips, int cropFrames, int count, int classes,
        int batchSize = DefaultBatchSize)
    {
        if (clips.Count == 0)
            return [];
        var mels = clips[0].MelBands;
        var cropLength = mels * cropFrames;
        var jobs = clips.SelectMany((clip, i) => CropPicker.TtaStarts(clip.Frames, cropFrames, count).Select(start => (Clip: i, Start: start))).ToArray();
        var sums = new double[clips.Count * classes];
        model.eval();
        using var noGrad = no_grad();
        var buffer = new float[batchSize * cropLength];
        for (var first = 0; first < jobs.Length; first += batchSize)
        {
            var n = Math.Min(batchSize, jobs.Length - first);
            for (var j = 0; j < n; j++)
            {
                var (clip, start) = jobs[first + j];
                if (clips[clip].MelBands != mels)
                    throw new ArgumentException($"clip {clip} has {clips[clip].MelBands} mel bands, expected {mels}", nameof(clips));
                CropPicker.Copy(clips[clip], start, cropFrames, buffer.AsSpan(j * cropLength, cropLength));
            }
            using var scope = NewDisposeScope();
            var input = tensor(buffer.AsSpan(0, n * cropLength).ToArray(), [n, 1, mels, cropFrames]);
            var probabilities = sigmoid(model.forward(input)).data<float>().ToArray();
            for (var j = 0; j < n; j++)
            {
                var row = jobs[first + j].Clip * classes;
                for (var c = 0; c < classes; c++)
                    sums[row + c] += probabilities[j * classes + c];
            }
        }
        return sums.Select(s => (float)(s / count)).ToArray();
    }
}
