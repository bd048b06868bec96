namespace Ensemble.Training.Runs;

/// <summary>A finished stage: its best checkpoint, every epoch's metrics, and the validation predictions of the best epoch.</summary>
public sealed record StageResult(string BestWeights, IReadOnlyList<EpochMetrics> History, double BestLwlrap, int BestEpoch, float[] BestValidationPredictions);
