using Ensemble.Audio.Decoding;
using Ensemble.Audio.Features;
using Ensemble.Models.Checkpoints;
using Ensemble.Models.Inference;
using Ensemble.Training.Manifest;

namespace Ensemble.Training.Runs;

/// <summary>
/// Scores clips with a run's ensemble.json (`ensemble predict`): every model's checkpoint through the
/// <see cref="ClipScorer"/> with the manifest's settings record (crops, TTA count and seed), then the manifest's weights
/// (<see cref="WeightedBlend"/>), exactly as the cluster scores a clip.
/// </summary>
public static class EnsemblePredictor
{
    /// <summary>Decodes and log-mels WAV files with the manifest's settings record, as serving does.</summary>
    public static LogMel[] LogMels(EnsembleManifest manifest, IEnumerable<string> wavPaths)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var extractor = new LogMelExtractor(manifest.Audio.LogMel);
        return wavPaths.Select(path => extractor.Compute(WavDecoder.Decode(path, manifest.Audio.Decoding))).ToArray();
    }

    /// <returns>Row-major [clips, classes] blended probabilities.</returns>
    public static float[] Predict(string runDirectory, EnsembleManifest manifest, IReadOnlyList<string> names, IReadOnlyList<LogMel> clips) =>
        WeightedBlend.Apply(PredictEach(runDirectory, manifest, names, clips), manifest.Models.Select(m => m.Weight).ToArray());

    /// <returns>Each manifest model's row-major [clips, classes] probabilities, in the manifest's order.</returns>
    public static IReadOnlyList<float[]> PredictEach(string runDirectory, EnsembleManifest manifest, IReadOnlyList<string> names, IReadOnlyList<LogMel> clips)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(clips);
        if (names.Count != clips.Count)
            throw new ArgumentException($"{names.Count} names for {clips.Count} clips", nameof(names));
        var scorer = ClipScorer.ForTest(manifest.Audio);
        var runnerOptions = new TorchModelRunnerOptions(manifest.Audio);
        var expectation = new CheckpointExpectation(Classes: manifest.Classes, Audio: manifest.Audio);
        var parts = new List<float[]>();
        foreach (var model in manifest.Models)
        {
            using var runner = TorchModelRunner.FromCheckpoint(Path.Combine(runDirectory, model.Checkpoint), runnerOptions,
                expectation with { Architecture = model.Architecture });
            parts.Add(scorer.Score(runner, names, i => clips[i]));
        }
        return parts;
    }
}
