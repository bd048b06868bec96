using System.Collections.Concurrent;
using Ensemble.Audio;
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
            : WavDecoder.Decode(ReadShared(request.SharedPath!), request.SharedPath!, decoding);
        var plan = pipeline.Scorer.Plan(pipeline.Extractor.Compute(clip), request.ClipName);
        return new ClipCrops(plan.Crops, plan.CropCount, plan.MelBands, plan.Frames, plan.Weights);
    }

    // The upload limit holds for a clip read from the shared path too, checked before a byte is read.
    private static byte[] ReadShared(string path)
    {
        var length = File.Exists(path) ? new FileInfo(path).Length : 0;
        if (length > ClipTagRequest.MaxWavBytes)
            throw new AudioFormatException(path, $"{length} bytes, more than the {ClipTagRequest.MaxWavBytes} a clip may have");
        return WavDecoder.ReadFile(path);
    }

    private sealed class Pipeline(ClipScorer scorer)
    {
        public ClipScorer Scorer { get; } = scorer;
        public LogMelExtractor Extractor { get; } = new(scorer.Audio.LogMel);
    }
}
