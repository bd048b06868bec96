namespace Ensemble.Grains.Inference;

/// <summary>One request's share of a batch: its crops' logits [crops, classes] and how the batch went.</summary>
public sealed record BatchedResult(float[] Logits, int BatchCrops, TimeSpan QueueWait, TimeSpan Inference);
