namespace Ensemble.Grains.Abstractions.Clips;

/// <summary>
/// The blended answer for one clip: every class score (in the manifest's label order), the top-k labels and each
/// model's timing. <paramref name="IsPartial"/> is true when the deadline passed first; <paramref name="MissingModels"/>
/// then names each model left out of the blend and why (late, or failed with its error).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ClipTagResult(
    [property: Id(0)] string ClipName,
    [property: Id(1)] string ManifestVersion,
    [property: Id(2)] float[] Scores,
    [property: Id(3)] LabelScore[] Top,
    [property: Id(4)] ModelTiming[] Timings,
    [property: Id(5)] bool IsPartial,
    [property: Id(6)] MissingModel[] MissingModels,
    [property: Id(7)] double FeatureMs,
    [property: Id(8)] double TotalMs);
