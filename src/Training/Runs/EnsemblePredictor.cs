using Ensemble.Audio.Crops;
using Ensemble.Audio.Features;
using Ensemble.Models;
using Ensemble.Models.Checkpoints;
using Ensemble.Training.Manifest;

namespace Ensemble.Training.Runs;

/// <summary>
/// Scores clips with a run's ensemble.json: every model's checkpoint, <c>TestTtaCrops</c> crops per clip, sigmoid
/// averaged, then the manifest's weights.
/// </summary>
public static class EnsemblePredictor
{
    /// <returns>Row-major [clips, classes] blended probabilities.</returns>
    public static float[] Predict(string runDirectory, EnsembleManifest manifest, IReadOnlyList<string> names, IReadOnlyList<LogMel> clips)
    {
        var classes = manifest.Classes.Count;
        var sum = new double[clips.Count * classes];
        var sampler = new CropSampler(manifest.Audio.Crop);
        var expectation = new CheckpointExpectation(Classes: manifest.Classes, AudioOptionsHash: manifest.Audio.StableHash());
        foreach (var model in manifest.Models)
        {
            using var loaded = Checkpoint.Load(Path.Combine(runDirectory, model.Checkpoint), expectation with { Architecture = model.Architecture });
            var p = TtaPredictor.Predict(loaded.Model, names, clips, sampler, manifest.TtaSeed, manifest.Audio.TestTtaCrops, classes);
            for (var i = 0; i < sum.Length; i++)
                sum[i] += model.Weight * p[i];
        }
        return sum.Select(v => (float)v).ToArray();
    }
}
