namespace Ensemble.Grains.Abstractions.Models;

/// <summary>
/// One model's answer for one clip: the sigmoid of its logits averaged over the clip's crops, plus where and how it
/// ran (for traces and per-model timings).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ModelInferenceResult(
    [property: Id(0)] string ModelId,
    [property: Id(1)] float[] Probabilities,
    [property: Id(2)] string Device,
    [property: Id(3)] string Silo,
    [property: Id(4)] int BatchCrops,
    [property: Id(5)] double QueueWaitMs,
    [property: Id(6)] double InferenceMs);
