namespace Ensemble.Training.Runs;

/// <summary>
/// A stage stopped before writing an epoch because its owner may no longer write (a training grain whose lease lapsed
/// or whose fencing token is stale): the folder still holds the previous epoch, which the job's new owner resumes from.
/// </summary>
public sealed class StageCommitRefusedException(string label, int epoch)
    : Exception($"{label}: epoch {epoch} was not written: this trainer no longer owns the stage")
{
    public string Label { get; } = label;
    public int Epoch { get; } = epoch;
}
