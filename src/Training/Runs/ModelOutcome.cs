namespace Ensemble.Training.Runs;

/// <summary>A trained architecture: its per-fold stage results, OOF predictions [curated clips, classes] and OOF lwlrap.</summary>
public sealed record ModelOutcome(string Name, IReadOnlyList<StageResult> Folds, float[] OofPredictions, double OofLwlrap);
