using Ensemble.Settings;

namespace Ensemble.Grains.Abstractions.Manifests;

/// <summary>
/// What the cluster serves: the class labels (submission column order), the settings record the models were trained
/// with (decode, log-mel, crop shape, normalisation, TTA count and seed: <see cref="AudioOptions"/>, typed) and the
/// models with their blend weights. <paramref name="Version"/> is the content hash that keys the model grains.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ServingManifest(
    [property: Id(0)] string Version,
    [property: Id(1)] string[] Labels,
    [property: Id(2)] AudioOptions Audio,
    [property: Id(3)] ServedModel[] Models,
    [property: Id(4)] string SourcePath)
{
    /// <summary>Throws ArgumentException naming the field that makes this manifest unservable.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Version) || Version.Contains('/', StringComparison.Ordinal))
            throw new ArgumentException($"{SourcePath}: Version '{Version}' is empty or contains '/'", nameof(Version));
        if (Labels is null || Labels.Length == 0)
            throw new ArgumentException($"{SourcePath}: Labels is empty", nameof(Labels));
        if (Labels.Any(string.IsNullOrWhiteSpace))
            throw new ArgumentException($"{SourcePath}: Labels holds an empty label", nameof(Labels));
        if (Audio is null)
            throw new ArgumentException($"{SourcePath}: Audio (the settings record) is missing", nameof(Audio));
        if (Models is null || Models.Length == 0)
            throw new ArgumentException($"{SourcePath}: Models is empty", nameof(Models));
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var model in Models)
        {
            if (model is null)
                throw new ArgumentException($"{SourcePath}: Models holds a null entry", nameof(Models));
            model.Validate(SourcePath);
            if (!ids.Add(model.Id))
                throw new ArgumentException($"{SourcePath}: model id '{model.Id}' appears twice", nameof(Models));
        }
        if (Models.Sum(m => m.Weight) <= 0)
            throw new ArgumentException($"{SourcePath}: model weights sum to zero", nameof(Models));
    }
}
