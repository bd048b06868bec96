namespace Ensemble.Grains.Abstractions.Manifests;

/// <summary>
/// One model of a manifest: its files (<paramref name="Files"/>: a training run lists the TorchSharp checkpoint and the
/// ONNX export; each silo picks one per device, see ServingOptions.Backend), each with the SHA-256 the grain verifies
/// on load, its blend weight, and its dynamic-batching settings (like Triton's: a batch closes at
/// <paramref name="MaxBatchCrops"/> crops or after <paramref name="MaxQueueDelayMs"/>).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ServedModel(
    [property: Id(0)] string Id,
    [property: Id(1)] string Architecture,
    [property: Id(2)] ModelFile[] Files,
    [property: Id(3)] double Weight,
    [property: Id(4)] int MaxBatchCrops,
    [property: Id(5)] double MaxQueueDelayMs)
{
    public const int DefaultMaxBatchCrops = 64;
    public const double DefaultMaxQueueDelayMs = 5;

    /// <summary>The file of <paramref name="format"/>, or null when the model has none.</summary>
    public ModelFile? FileOf(string format) => Files.FirstOrDefault(f => f.Format == format);

    public void Validate(string manifestPath)
    {
        if (string.IsNullOrWhiteSpace(Id) || Id.Contains('/', StringComparison.Ordinal))
            throw new ArgumentException($"{manifestPath}: model Id '{Id}' is empty or contains '/'");
        if (Files is null || Files.Length == 0)
            throw new ArgumentException($"{manifestPath}: model '{Id}' lists no Files");
        foreach (var file in Files)
        {
            if (file is null)
                throw new ArgumentException($"{manifestPath}: model '{Id}' lists a null file");
            file.Validate(manifestPath, Id);
        }
        var repeated = Files.GroupBy(f => f.Format, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
            throw new ArgumentException($"{manifestPath}: model '{Id}' lists two {repeated.Key} files");
        if (!(Weight >= 0) || double.IsInfinity(Weight))
            throw new ArgumentException($"{manifestPath}: model '{Id}' Weight {Weight} must be finite and ≥ 0");
        if (MaxBatchCrops <= 0)
            throw new ArgumentException($"{manifestPath}: model '{Id}' MaxBatchCrops {MaxBatchCrops} must be positive");
        if (!(MaxQueueDelayMs >= 0) || double.IsInfinity(MaxQueueDelayMs))
            throw new ArgumentException($"{manifestPath}: model '{Id}' MaxQueueDelayMs {MaxQueueDelayMs} must be finite and ≥ 0");
    }
}
