namespace Ensemble.Training.Runs;

/// <summary>A run folder that does not fit what was asked of it: the folder, the problem and what to do.</summary>
public sealed class RunFolderException(string directory, RunFolderProblem problem, string detail, Exception? inner = null)
    : Exception($"{directory}: {detail}", inner)
{
    public string Directory { get; } = directory;
    public RunFolderProblem Problem { get; } = problem;
}
