using Ensemble.Models;
using Ensemble.Training.Features;
using Ensemble.Training.Manifest;

namespace Ensemble.Training.Runs;

/// <summary>
/// Scores clips with a run's ensemble.json: every model's checkpoint, <c>TestTtaCrops</c> crops per clip, sigmoid
/// averaged, then the manifest's weights.
/// </summary>
public static class EnsemblePredictor
{
    /// <returns>Row-major [clips, classes] blended probabilities.</returns>
    public static float[] Predict(string runDirectory, EnsembleManifest manifest, IReadOnlyList<FeatureMatrix> clips)
    {
        var classes = manifest.Classes.Count;
        var sum = new double[clips.Count * classes];
        foreach (var model in manifest.Models)
        {
            using var module = ModelFactory.Create(new ModelSpec(model.Architecture, model.WidthMultiplier, classes));
            module.load(Path.Combine(runDirectory, model.Checkpoint));
            var p = TtaPredictor.Predict(module, clips, manifest.Audio.CropFrames, manifest.Audio.TestTtaCrops, classes);
            for (var i = 0; i < sum.Length; i++)
                sum[i] += model.Weight * p[i];
        }
        return sum.Select(v => (float)v).ToArray();
    }
}
