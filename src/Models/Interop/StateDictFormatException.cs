namespace Ensemble.Models.Interop;

/// <summary>A file in TorchSharp's state-dict format is unreadable or does not fit the module it is loaded into.</summary>
public sealed class StateDictFormatException(string file, string problem, Exception? inner = null)
    : Exception($"{file}: {problem}", inner)
{
    public string File { get; } = file;
    public string Problem { get; } = problem;
}
