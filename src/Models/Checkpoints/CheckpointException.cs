namespace Ensemble.Models.Checkpoints;

/// <summary>A checkpoint that cannot be used: names the file, the kind of problem and the details (and the cause, if any).</summary>
public sealed class CheckpointException(string file, CheckpointProblem problem, string detail, Exception? inner = null)
    : Exception($"{file}: {problem}: {detail}", inner)
{
    public string File { get; } = file;
    public CheckpointProblem Problem { get; } = problem;
    public string Detail { get; } = detail;
}
