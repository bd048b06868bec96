namespace Ensemble.Grains.Abstractions.Manifests;

/// <summary>
/// What the cluster serves: the class labels (submission column order), the audio/feature settings as the JSON the
/// training run wrote (opaque here: abstractions carry plain data only), the deterministic TTA plan and the models
/// with their blend weights. <paramref name="Version"/> is the content hash that keys the model grains.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ServingManifest(
    [property: Id(0)] string Version,
    [property: Id(1)] string[] Labels,
    [property: Id(2)] string AudioOptionsJson,
    [property: Id(3)] int TtaCrops,
    [property: Id(4)] int TtaSeed,
    [property: Id(5)] ServedModel[] Models,
    [property: Id(6)] string SourcePath)
{
    /// <summary>Throws ArgumentException naming the field that makes this manifest unservable.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Version) || Version.Contains('/', StringComparison.Ordinal))
            throw new ArgumentException($"{SourcePath}: Version '{Version}' is empty or contains '/'", nameof(Version));
        if (Labels.Length == 0)
            throw new ArgumentException($"{SourcePath}: Labels is empty", nameof(Labels));
        if (TtaCrops <= 0)
            throw new ArgumentException($"{SourcePath}: TtaCrops {TtaCrops} must be positive", nameof(TtaCrops));
        if (Models.Length == 0)
            throw new ArgumentException($"{SourcePath}: Models is empty", nameof(Models));
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var model in Models)
        {
            model.Validate(SourcePath);
            if (!ids.Add(model.Id))
                throw new ArgumentException($"{SourcePath}: model id '{model.Id}' appears twice", nameof(Models));
        }
        if (Models.Sum(m => m.Weight) <= 0)
            throw new ArgumentException($"{SourcePath}: model weights sum to zero", nameof(Models));
    }
}
