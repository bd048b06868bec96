using System.Collections.Concurrent;
using Ensemble.Audio.Decoding;
using Ensemble.Audio.Features;
using Ensemble.Grains.Abstractions.Clips;
using Ensemble.Grains.Abstractions.Manifests;
using Ensemble.Models.Inference;
using Ensemble.Settings;

namespace Ensemble.Grains.Clips;

/// <summary>
/// The training pipeline's front end: WAV decode → log-mel → the <see cref="ClipScorer"/>'s TTA plan for (clip name,
/// manifest seed, count), all configured by the manifest's <see cref="AudioOptions"/>: the crops and weights
/// `ensemble predict` scores. Pipelines are cached per settings record.
/// </summary>
public sealed class AudioClipFeaturizer : IClipFeaturizer
{
    private readonly ConcurrentDictionary<AudioOptions, Pipeline> _pipelines = new();

    public ClipCrops Featurize(ClipTagRequest request, ServingManifest manifest)
    {
        var pipeline = _pipelines.GetOrAdd(manifest.Audio, audio => new Pipeline(ClipScorer.ForTest(audio)));
        var decoding = pipeline.Scorer.Audio.Decoding;
        var clip = request.WavBytes is { } bytes
            ? WavDecoder.Decode(bytes, request.ClipName, decoding)
            // The upload limit holds for a clip read from the shared path too, checked before a byte is read.
            : WavDecoder.Decode(WavDecoder.ReadFile(request.SharedPath!, ClipTagRequest.MaxWavBytes), request.SharedPath!, decoding);
        var plan = pipeline.Scorer.Plan(pipeline.Extractor.Compute(clip), request.ClipName);
        return new ClipCrops(plan.Crops, plan.CropCount, plan.MelBands, plan.Frames, plan.Weights);
    }

    private sealed class Pipeline(ClipScorer scorer)
    {
        public ClipScorer Scorer { get; } = scorer;
        public LogMelExtractor Extractor { get; } = new(scorer.Audio.LogMel);
    }
}
