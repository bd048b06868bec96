using Ensemble.Audio.Crops;
using Ensemble.Audio.Features;
using Ensemble.Models;
using Ensemble.Models.Inference;
using Ensemble.Training.Features;
using Ensemble.Training.Runs;
using Ensemble.Training.Tests.TestSupport;
using static TorchSharp.torch;

namespace Ensemble.Training.Tests.Runs;

[Collection(TorchCollection.Name)]
public sealed class TtaPredictorTests
{
    private const int Mels = 16;
    private const int Width = 16;
    private const int Classes = 3;

    private static LogMel Clip(int frames, int seed)
    {
        var random = new Random(seed);
        var values = new float[Mels * frames];
        for (var i = 0; i < values.Length; i++)
            values[i] = (float)(random.NextDouble() * 60 - 70);
        return new LogMel(values, Mels, frames);
    }

    /// <summary>The plain definition: every drawn crop run on its own, sigmoid outputs averaged.</summary>
    private static float[] OneCropAtATime(nn.Module<Tensor, Tensor> model, string name, LogMel clip, CropSampler sampler, int seed, int count)
    {
        var sums = new double[Classes];
        model.eval();
        using var noGrad = no_grad();
        foreach (var start in sampler.TtaStarts(clip, name, seed, count))
        {
            var crop = sampler.Extract(clip, start);
            CropNormalization.NormalizeInPlace(crop, crop.Length);
            using var p = sigmoid(model.forward(tensor(crop, [1, 1, Mels, Width])));
            var row = p.data<float>().ToArray();
            for (var c = 0; c < Classes; c++)
                sums[c] += row[c];
        }
        return sums.Select(s => (float)(s / count)).ToArray();
    }

    [Fact]
    public void Predict_EqualsTheAverageOverEveryDrawnCrop_ForShortAndLongClips()
    {
        manual_seed(5);
        using var model = ModelFactory.Create(new ModelSpec(ModelSpec.CustomCnn, 0.125, Classes));
        var sampler = new CropSampler(new CropOptions(cropWidthFrames: Width, strengthMelBands: 8));
        // A clip shorter than the crop (one window: 20 identical crops) and two longer ones (many windows).
        var names = new[] { "short.wav", "long.wav", "longer.wav" };
        var clips = new[] { Clip(10, 1), Clip(40, 2), Clip(90, 3) };
        Assert.Single(sampler.TtaStarts(clips[0], names[0], 11, 20).Distinct());
        Assert.True(sampler.TtaStarts(clips[2], names[2], 11, 20).Distinct().Count() > 5);

        var batched = TtaPredictor.Predict(model, names, clips, sampler, seed: 11, count: 20, Classes, batchSize: 7);

        for (var i = 0; i < clips.Length; i++)
        {
            var expected = OneCropAtATime(model, names[i], clips[i], sampler, 11, 20);
            for (var c = 0; c < Classes; c++)
                Assert.Equal(expected[c], batched[i * Classes + c], 5);
        }
    }

    [Fact]
    public void Predict_FromSources_LoadsInChunksAndEqualsTheInMemoryCall()
    {
        manual_seed(6);
        using var model = ModelFactory.Create(new ModelSpec(ModelSpec.CustomCnn, 0.125, Classes));
        var sampler = new CropSampler(new CropOptions(cropWidthFrames: Width, strengthMelBands: 8));
        var count = TtaPredictor.ClipsPerChunk + 13;
        var names = Enumerable.Range(0, count).Select(i => $"{i}.wav").ToArray();
        var clips = Enumerable.Range(0, count).Select(i => Clip(12 + i % 7, i)).ToArray();
        var loads = 0;
        var sources = clips.Select(c => (ILogMelSource)new CountingSource(c, () => loads++)).ToArray();

        var fromMemory = TtaPredictor.Predict(model, names, clips, sampler, seed: 2, count: 3, Classes);
        var fromSources = TtaPredictor.Predict(model, names, sources, sampler, seed: 2, count: 3, Classes);

        Assert.Equal(count, loads);
        for (var i = 0; i < fromMemory.Length; i++)
            Assert.Equal(fromMemory[i], fromSources[i], 6);
    }

    private sealed class CountingSource(LogMel value, Action onLoad) : ILogMelSource
    {
        public int MelBands => value.MelBands;

        public LogMel Load()
        {
            onLoad();
            return value;
        }
    }
}
