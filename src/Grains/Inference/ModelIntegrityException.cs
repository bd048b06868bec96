namespace Ensemble.Grains.Inference;

/// <summary>A model's weights file is missing or does not hash to the manifest's SHA-256.</summary>
public sealed class ModelIntegrityException(string file, string problem) : Exception($"{file}: {problem}")
{
    public string File { get; } = file;
    public string Problem { get; } = problem;
}
