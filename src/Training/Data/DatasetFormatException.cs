namespace Ensemble.Training.Data;

/// <summary>A CSV or data file that cannot be read at all (as opposed to per-row issues, which are collected).</summary>
public sealed class DatasetFormatException(string file, int line, string problem, Exception? inner = null)
    : Exception($"{file}:{line}: {problem}", inner)
{
    public string File { get; } = file;
    public int Line { get; } = line;
    public string Problem { get; } = problem;
}
