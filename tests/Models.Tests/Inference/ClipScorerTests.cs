using Ensemble.Audio;
using Ensemble.Audio.Crops;
using Ensemble.Audio.Features;
using Ensemble.Models.Inference;
using Ensemble.Settings;

namespace Ensemble.Models.Tests.Inference;

public sealed class ClipScorerTests
{
    private const int Mels = 16;
    private const int Width = 16;
    private const int Classes = 3;

    private static readonly AudioOptions Audio = new(
        logMel: new LogMelOptions(melBands: Mels), crop: new CropOptions(cropWidthFrames: Width, strengthMelBands: 8), ttaSeed: 11);

    private static LogMel Clip(int frames, int seed)
    {
        var random = new Random(seed);
        var values = new float[Mels * frames];
        for (var i = 0; i < values.Length; i++)
            values[i] = (float)(random.NextDouble() * 60 - 70);
        return new LogMel(values, Mels, frames);
    }

    [Fact]
    public void Mean_sigmoid_averages_sigmoids_not_logits()
    {
        var skewed = ClipScorer.MeanSigmoid([4f, 0f], classCount: 1, weights: [1, 1]);
        Assert.Equal((1 / (1 + Math.Exp(-4)) + 0.5) / 2, skewed[0], 6);
    }

    [Fact]
    public void Weighted_crops_equal_the_same_crops_repeated()
    {
        var weighted = ClipScorer.MeanSigmoid([2f, -1f, -3f, 0.5f], classCount: 2, weights: [3, 1]);
        var expanded = ClipScorer.MeanSigmoid([2f, -1f, 2f, -1f, 2f, -1f, -3f, 0.5f], classCount: 2, weights: [1, 1, 1, 1]);
        Assert.Equal(expanded[0], weighted[0], 6);
        Assert.Equal(expanded[1], weighted[1], 6);
    }

    [Fact]
    public void Mean_sigmoid_rejects_bad_shapes_and_weights()
    {
        Assert.Throws<ArgumentException>(() => ClipScorer.MeanSigmoid(new float[5], 2, [1, 1]));
        Assert.Throws<ArgumentException>(() => ClipScorer.MeanSigmoid(new float[4], 2, [1]));
        Assert.Throws<ArgumentException>(() => ClipScorer.MeanSigmoid(new float[4], 2, [1, 0]));
    }

    [Fact]
    public void Plan_holds_the_distinct_draws_with_their_counts()
    {
        var scorer = new ClipScorer(Audio, ttaCrops: 20);
        var sampler = new CropSampler(Audio.Crop);
        var clip = Clip(90, 3);
        var plan = scorer.Plan(clip, "longer.wav");
        var starts = sampler.TtaStarts(clip, "longer.wav", 11, 20);
        Assert.Equal(20, plan.Weights.Sum());
        Assert.Equal(starts.Distinct().Count(), plan.CropCount);
        Assert.Equal(sampler.Extract(clip, starts[0]), plan.Crops[..(Mels * Width)]);
        Assert.Single(scorer.Plan(Clip(10, 1), "short.wav").Weights); // shorter than a crop: one window
    }

    [Fact]
    public void Batched_scores_equal_every_drawn_crop_scored_alone()
    {
        using var runner = new LinearRunner();
        var scorer = new ClipScorer(Audio, ttaCrops: 20, batchCrops: 7);
        var sampler = new CropSampler(Audio.Crop);
        var names = new[] { "short.wav", "long.wav", "longer.wav" };
        var clips = new[] { Clip(10, 1), Clip(40, 2), Clip(90, 3) };
        var loads = 0;

        var batched = scorer.Score(runner, names, i =>
        {
            loads++;
            return clips[i];
        });

        Assert.Equal(clips.Length, loads);
        for (var i = 0; i < clips.Length; i++)
        {
            var sums = new double[Classes];
            foreach (var start in sampler.TtaStarts(clips[i], names[i], 11, 20))
            {
                var logits = runner.Run(sampler.Extract(clips[i], start), 1);
                for (var c = 0; c < Classes; c++)
                    sums[c] += 1 / (1 + Math.Exp(-logits[c]));
            }
            for (var c = 0; c < Classes; c++)
                Assert.Equal(sums[c] / 20, batched[i * Classes + c], 1e-6);
            Assert.Equal(scorer.Score(runner, scorer.Plan(clips[i], names[i])), batched[(i * Classes)..((i + 1) * Classes)]);
        }
    }

    [Fact]
    public void A_runner_of_another_crop_shape_is_refused()
    {
        var scorer = ClipScorer.ForTest(AudioOptions.Default);
        var error = Assert.Throws<ArgumentException>(() => scorer.Score(new LinearRunner(), ["a.wav"], _ => Clip(20, 1)));
        Assert.Contains("16×16", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Test_and_validation_scorers_take_their_crop_counts_from_the_settings()
    {
        Assert.Equal(Audio.TestTtaCrops, ClipScorer.ForTest(Audio).TtaCrops);
        Assert.Equal(Audio.ValidationTtaCrops, ClipScorer.ForValidation(Audio).TtaCrops);
    }

    /// <summary>Logit c of a crop = mean of its values × (c + 1) / 70: deterministic, crop-dependent, batch-independent.</summary>
    private sealed class LinearRunner : IModelRunner
    {
        public (int MelBands, int Frames) CropShape => (Mels, Width);

        public int ClassCount => Classes;

        public float[] Run(ReadOnlySpan<float> crops, int batchSize)
        {
            var length = Mels * Width;
            Assert.Equal(batchSize * length, crops.Length);
            var logits = new float[batchSize * Classes];
            for (var b = 0; b < batchSize; b++)
            {
                double mean = 0;
                foreach (var v in crops.Slice(b * length, length))
                    mean += v;
                mean /= length;
                for (var c = 0; c < Classes; c++)
                    logits[b * Classes + c] = (float)(mean * (c + 1) / 70 + 1);
            }
            return logits;
        }

        public void Dispose()
        {
        }
    }
}
