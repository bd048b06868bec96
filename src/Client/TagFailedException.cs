namespace Ensemble.Client;

/// <summary>A clip that was not tagged, from <see cref="EnsembleClient.TagFileAsync"/>: the path and the failure.</summary>
public sealed class TagFailedException(string path, TagFailure failure)
    : Exception($"{path}: not tagged: {failure}")
{
    public string Path { get; } = path;
    public TagFailure Failure { get; } = failure;
}
