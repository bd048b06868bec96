namespace Ensemble.Grains.Abstractions.Manifests;

/// <summary>
/// One model of a manifest: its weights file (TorchSharp checkpoint or ONNX, by <paramref name="Format"/>) with the
/// SHA-256 the grain verifies on load, its blend weight, and its dynamic-batching settings (like Triton's: a batch
/// closes at <paramref name="MaxBatchCrops"/> crops or after <paramref name="MaxQueueDelayMs"/>).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ServedModel(
    [property: Id(0)] string Id,
    [property: Id(1)] string Format,
    [property: Id(2)] string Architecture,
    [property: Id(3)] string WeightsPath,
    [property: Id(4)] string Sha256,
    [property: Id(5)] double Weight,
    [property: Id(6)] int MaxBatchCrops,
    [property: Id(7)] double MaxQueueDelayMs)
{
    public const int DefaultMaxBatchCrops = 64;
    public const double DefaultMaxQueueDelayMs = 5;

    public void Validate(string manifestPath)
    {
        if (string.IsNullOrWhiteSpace(Id) || Id.Contains('/', StringComparison.Ordinal))
            throw new ArgumentException($"{manifestPath}: model Id '{Id}' is empty or contains '/'");
        if (string.IsNullOrWhiteSpace(Format))
            throw new ArgumentException($"{manifestPath}: model '{Id}' has no Format");
        if (string.IsNullOrWhiteSpace(WeightsPath))
            throw new ArgumentException($"{manifestPath}: model '{Id}' has no WeightsPath");
        if (Sha256.Length != 64)
            throw new ArgumentException($"{manifestPath}: model '{Id}' Sha256 '{Sha256}' is not 64 hex digits");
        if (!(Weight >= 0) || double.IsInfinity(Weight))
            throw new ArgumentException($"{manifestPath}: model '{Id}' Weight {Weight} must be finite and ≥ 0");
        if (MaxBatchCrops <= 0)
            throw new ArgumentException($"{manifestPath}: model '{Id}' MaxBatchCrops {MaxBatchCrops} must be positive");
        if (!(MaxQueueDelayMs >= 0) || double.IsInfinity(MaxQueueDelayMs))
            throw new ArgumentException($"{manifestPath}: model '{Id}' MaxQueueDelayMs {MaxQueueDelayMs} must be finite and ≥ 0");
    }
}
