using System.Collections.Concurrent;
using Ensemble.Audio;
using Ensemble.Audio.Crops;
using Ensemble.Audio.Decoding;
using Ensemble.Audio.Features;
using Ensemble.Grains.Abstractions.Clips;
using Ensemble.Grains.Abstractions.Manifests;

namespace Ensemble.Grains.Clips;

/// <summary>
/// The training pipeline's front end: WAV decode → log-mel → the deterministic TTA crops for (clip name, manifest
/// seed, count), all configured by the manifest's <see cref="AudioOptions"/>. Only distinct windows are cut, each
/// weighted by its draw count (as `ensemble predict` scores them). Extractors are cached per options JSON.
/// </summary>
public sealed class AudioClipFeaturizer : IClipFeaturizer
{
    private readonly ConcurrentDictionary<string, Pipeline> _pipelines = new(StringComparer.Ordinal);

    public ClipCrops Featurize(ClipTagRequest request, ServingManifest manifest)
    {
        var pipeline = _pipelines.GetOrAdd(manifest.AudioOptionsJson, json => new Pipeline(AudioOptions.FromJson(json)));
        var clip = request.WavBytes is { } bytes
            ? WavDecoder.Decode(bytes, request.ClipName, pipeline.Options.Decoding)
            : WavDecoder.Decode(request.SharedPath!, pipeline.Options.Decoding);
        var logMel = pipeline.Extractor.Compute(clip);
        var windows = pipeline.Sampler.DistinctTtaWindows(logMel, request.ClipName, manifest.TtaSeed, manifest.TtaCrops);
        var crops = pipeline.Sampler.ExtractAll(logMel, windows.Select(w => w.Start).ToArray());
        return new ClipCrops(crops, windows.Length, logMel.MelBands, pipeline.Options.Crop.CropWidthFrames, windows.Select(w => w.Count).ToArray());
    }

    private sealed class Pipeline(AudioOptions options)
    {
        public AudioOptions Options { get; } = options;
        public LogMelExtractor Extractor { get; } = new(options.LogMel);
        public CropSampler Sampler { get; } = new(options.Crop);
    }
}
