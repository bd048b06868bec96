namespace Ensemble.Grains.Abstractions.Clips;

/// <summary>One model's part in a clip: where it ran, the batch it shared, and how long it queued and computed.</summary>
[GenerateSerializer, Immutable]
public sealed record ModelTiming(
    [property: Id(0)] string ModelId,
    [property: Id(1)] string Device,
    [property: Id(2)] string Silo,
    [property: Id(3)] int BatchCrops,
    [property: Id(4)] double QueueWaitMs,
    [property: Id(5)] double InferenceMs,
    [property: Id(6)] double RoundTripMs,
    [property: Id(7)] bool Hedged);
