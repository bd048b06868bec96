namespace Ensemble.Grains.Abstractions.Models;

/// <summary>
/// The key of a model grain: manifest version, model id and replica ("v1/customcnn-fold0/0"). Replicas are extra
/// activations of the same model that hedged requests go to.
/// </summary>
public static class ModelGrainKey
{
    public const char Separator = '/';

    public static string Format(string manifestVersion, string modelId, int replica)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(manifestVersion);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        ArgumentOutOfRangeException.ThrowIfNegative(replica);
        if (manifestVersion.Contains(Separator, StringComparison.Ordinal) || modelId.Contains(Separator, StringComparison.Ordinal))
            throw new ArgumentException($"manifest version '{manifestVersion}' and model id '{modelId}' must not contain '{Separator}'");
        return $"{manifestVersion}{Separator}{modelId}{Separator}{replica}";
    }

    public static (string ManifestVersion, string ModelId, int Replica) Parse(string key)
    {
        var parts = key.Split(Separator);
        if (parts.Length != 3 || parts[0].Length == 0 || parts[1].Length == 0 || !int.TryParse(parts[2], out var replica) || replica < 0)
            throw new FormatException($"model grain key '{key}' is not 'version/modelId/replica'");
        return (parts[0], parts[1], replica);
    }
}
