using Ensemble.Audio;
using Ensemble.Audio.Crops;
using Ensemble.Audio.Features;
using Ensemble.Settings;

namespace Ensemble.Models.Inference;

/// <summary>
/// The one way a clip gets a model's score, shared by training validation, test prediction, `predict`, the in-process
/// ensemble and the model grain: a TTA plan (<see cref="Plan"/>: the clip's deterministic TTA windows for the seed and
/// crop count, cut with the settings' crop shape), an <see cref="IModelRunner"/> for the logits, and the weighted mean
/// of the crops' sigmoids (<see cref="MeanSigmoid"/>). Batches may mix clips; each clip's logits are reduced in the
/// same order with the same weights on every path, so the paths agree to the runner's own determinism.
/// </summary>
public sealed class ClipScorer
{
    public const int DefaultBatchCrops = 64;

    private readonly CropSampler _sampler;

    public ClipScorer(AudioOptions audio, int ttaCrops, int batchCrops = DefaultBatchCrops)
    {
        ArgumentNullException.ThrowIfNull(audio);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ttaCrops);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchCrops);
        Audio = audio;
        TtaCrops = ttaCrops;
        BatchCrops = batchCrops;
        _sampler = new CropSampler(audio.Crop);
    }

    /// <summary>Validation folds: <see cref="AudioOptions.ValidationTtaCrops"/> crops per clip.</summary>
    public static ClipScorer ForValidation(AudioOptions audio, int batchCrops = DefaultBatchCrops) =>
        new(audio, audio.ValidationTtaCrops, batchCrops);

    /// <summary>Test prediction and serving: <see cref="AudioOptions.TestTtaCrops"/> crops per clip.</summary>
    public static ClipScorer ForTest(AudioOptions audio, int batchCrops = DefaultBatchCrops) =>
        new(audio, audio.TestTtaCrops, batchCrops);

    public AudioOptions Audio { get; }
    public int TtaSeed => Audio.TtaSeed;
    public int TtaCrops { get; }
    public int BatchCrops { get; }

    /// <summary>The shape every crop has: (mel bands, frames) from the settings.</summary>
    public (int MelBands, int Frames) CropShape => Audio.CropShape;

    /// <summary>The distinct TTA windows of <paramref name="clipName"/> (seeded by its name) and their draw counts.</summary>
    public TtaPlan Plan(LogMel logMel, string clipName)
    {
        ArgumentNullException.ThrowIfNull(logMel);
        ArgumentException.ThrowIfNullOrWhiteSpace(clipName);
        if (logMel.MelBands != CropShape.MelBands)
            throw new ArgumentException($"{clipName}: log-mel has {logMel.MelBands} mel bands, the settings say {CropShape.MelBands}", nameof(logMel));
        var windows = _sampler.DistinctTtaWindows(logMel, clipName, TtaSeed, TtaCrops);
        var crops = _sampler.ExtractAll(logMel, windows.Select(w => w.Start).ToArray());
        return new TtaPlan(crops, logMel.MelBands, Audio.Crop.CropWidthFrames, windows.Select(w => w.Count).ToArray());
    }

    /// <summary>One clip's score with one model.</summary>
    public float[] Score(IModelRunner runner, TtaPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        CheckRunner(runner);
        return MeanSigmoid(runner.Run(plan.Crops, plan.CropCount), runner.ClassCount, plan.Weights);
    }

    /// <summary>
    /// Row-major [clips, classes] scores of <paramref name="names"/>.Count clips; <paramref name="clipAt"/> gives clip i's
    /// log-mel and is called once per clip, in order, so a caller can load from disk lazily. Crops of consecutive clips
    /// share batches of about <see cref="BatchCrops"/> crops.
    /// </summary>
    public float[] Score(IModelRunner runner, IReadOnlyList<string> names, Func<int, LogMel> clipAt)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(clipAt);
        CheckRunner(runner);
        var classes = runner.ClassCount;
        var scores = new float[names.Count * classes];
        var pending = new List<(int Clip, TtaPlan Plan)>();
        var pendingCrops = 0;
        void Flush()
        {
            if (pending.Count == 0)
                return;
            var cropLength = pending[0].Plan.CropLength;
            var batch = new float[pendingCrops * cropLength];
            var offset = 0;
            foreach (var (_, plan) in pending)
            {
                plan.Crops.CopyTo(batch, offset);
                offset += plan.Crops.Length;
            }
            var logits = runner.Run(batch, pendingCrops);
            var row = 0;
            foreach (var (clip, plan) in pending)
            {
                MeanSigmoid(logits.AsSpan(row * classes, plan.CropCount * classes), classes, plan.Weights).CopyTo(scores, clip * classes);
                row += plan.CropCount;
            }
            pending.Clear();
            pendingCrops = 0;
        }
        for (var i = 0; i < names.Count; i++)
        {
            var plan = Plan(clipAt(i), names[i]);
            pending.Add((i, plan));
            pendingCrops += plan.CropCount;
            if (pendingCrops >= BatchCrops)
                Flush();
        }
        Flush();
        return scores;
    }

    /// <summary>
    /// The weighted mean over crops of sigmoid(logits): <paramref name="logits"/> is [crops, classes] row-major, one
    /// positive weight per crop (the draws it stands for). Computed in double, rounded once.
    /// </summary>
    public static float[] MeanSigmoid(ReadOnlySpan<float> logits, int classCount, ReadOnlySpan<int> weights)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classCount);
        var cropCount = weights.Length;
        if (cropCount == 0)
            throw new ArgumentException("no crop weights: at least one crop is needed", nameof(weights));
        if (logits.Length != cropCount * classCount)
            throw new ArgumentException($"{logits.Length} logits is not {cropCount} crops × {classCount} classes", nameof(logits));
        var sums = new double[classCount];
        var total = 0.0;
        for (var crop = 0; crop < cropCount; crop++)
        {
            var weight = weights[crop];
            if (weight <= 0)
                throw new ArgumentException($"crop {crop} has weight {weight}; weights must be positive", nameof(weights));
            total += weight;
            var row = logits.Slice(crop * classCount, classCount);
            for (var c = 0; c < classCount; c++)
                sums[c] += weight / (1.0 + Math.Exp(-row[c]));
        }
        var mean = new float[classCount];
        for (var c = 0; c < classCount; c++)
            mean[c] = (float)(sums[c] / total);
        return mean;
    }

    private void CheckRunner(IModelRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        if (runner.CropShape != CropShape)
            throw new ArgumentException($"the runner takes {runner.CropShape.MelBands}×{runner.CropShape.Frames} crops, the settings cut {CropShape.MelBands}×{CropShape.Frames}", nameof(runner));
    }
}
