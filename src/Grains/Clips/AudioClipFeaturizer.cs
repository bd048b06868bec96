using System.Collections.Concurrent;
using Ensemble.Audio;
using Ensemble.Audio.Decoding;
using Ensemble.Audio.Features;
using Ensemble.Grains.Abstractions.Clips;
using Ensemble.Grains.Abstractions.Manifests;
using Ensemble.Models.Inference;

namespace Ensemble.Grains.Clips;

/// <summary>
/// The training pipeline's front end: WAV decode → log-mel → the <see cref="ClipScorer"/>'s TTA plan for (clip name,
/// manifest seed, count), all configured by the manifest's <see cref="AudioOptions"/>: the crops and weights
/// `ensemble predict` scores. Pipelines are cached per options JSON.
/// </summary>
public sealed class AudioClipFeaturizer : IClipFeaturizer
{
    private readonly ConcurrentDictionary<(string Json, int Seed, int Crops), Pipeline> _pipelines = new();

    public ClipCrops Featurize(ClipTagRequest request, ServingManifest manifest)
    {
        var pipeline = _pipelines.GetOrAdd((manifest.AudioOptionsJson, manifest.TtaSeed, manifest.TtaCrops),
            key => new Pipeline(new ClipScorer(AudioOptions.FromJson(key.Json), key.Seed, key.Crops)));
        var decoding = pipeline.Scorer.Audio.Decoding;
        var clip = request.WavBytes is { } bytes
            ? WavDecoder.Decode(bytes, request.ClipName, decoding)
            : WavDecoder.Decode(request.SharedPath!, decoding);
        var plan = pipeline.Scorer.Plan(pipeline.Extractor.Compute(clip), request.ClipName);
        return new ClipCrops(plan.Crops, plan.CropCount, plan.MelBands, plan.Frames, plan.Weights);
    }

    private sealed class Pipeline(ClipScorer scorer)
    {
        public ClipScorer Scorer { get; } = scorer;
        public LogMelExtractor Extractor { get; } = new(scorer.Audio.LogMel);
    }
}
