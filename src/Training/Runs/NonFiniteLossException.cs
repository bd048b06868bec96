namespace Ensemble.Training.Runs;

/// <summary>
/// The training loss became NaN or infinite: deterministic for the stage's seed and data, so retrying it elsewhere
/// gives the same result (a training grain fails the job at once instead of retrying it).
/// </summary>
public sealed class NonFiniteLossException(string message) : InvalidOperationException(message);
