using Ensemble.Grains.Abstractions.Clips;

namespace Ensemble.FrontDoor.OpenInference;

/// <summary>
/// The two outputs of a result, ranked: every class (the clip grain's top-k with k = all) highest score first, ties in
/// the manifest's label order; <see cref="Labels"/>[i] names <see cref="Scores"/>[i]. And the response parameters
/// every protocol reports: partial flag, the models left out and why, the timings.
/// </summary>
public sealed record RankedScores(float[] Scores, string[] Labels, IReadOnlyDictionary<string, object> Parameters)
{
    public static RankedScores From(ClipTagResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Top.Length != result.Scores.Length)
            throw new InvalidOperationException($"{result.ClipName}: {result.Top.Length} ranked labels for {result.Scores.Length} scores (the request must ask for every label)");
        var parameters = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [InferenceModel.PartialParameter] = result.IsPartial,
            [InferenceModel.FeatureMsParameter] = result.FeatureMs,
            [InferenceModel.TotalMsParameter] = result.TotalMs,
        };
        if (result.MissingModels.Length > 0)
            parameters[InferenceModel.MissingModelsParameter] = string.Join("; ", result.MissingModels.Select(m => m.ToString()));
        foreach (var t in result.Timings)
        {
            // Parameters are flat name/value pairs: one key per model and figure.
            parameters[InferenceModel.ModelParameter(t.ModelId, InferenceModel.DeviceFigure)] = t.Device;
            parameters[InferenceModel.ModelParameter(t.ModelId, InferenceModel.BatchCropsFigure)] = t.BatchCrops;
            parameters[InferenceModel.ModelParameter(t.ModelId, InferenceModel.QueueMsFigure)] = t.QueueWaitMs;
            parameters[InferenceModel.ModelParameter(t.ModelId, InferenceModel.ComputeMsFigure)] = t.InferenceMs;
            parameters[InferenceModel.ModelParameter(t.ModelId, InferenceModel.RoundTripMsFigure)] = t.RoundTripMs;
        }
        return new RankedScores(result.Top.Select(l => l.Score).ToArray(), result.Top.Select(l => l.Label).ToArray(), parameters);
    }
}
