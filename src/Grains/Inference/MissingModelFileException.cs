namespace Ensemble.Grains.Inference;

/// <summary>The silo's backend needs a file format that the manifest does not list for a model.</summary>
public sealed class MissingModelFileException(string modelId, string format, IReadOnlyList<string> listed)
    : Exception($"model '{modelId}' has no {format} file (the manifest lists: {string.Join(", ", listed)}); choose another --backend or list the file")
{
    public string ModelId { get; } = modelId;
    public string Format { get; } = format;
}
