namespace Ensemble.Grains.Inference;

/// <summary>
/// Dynamic batching of one model (Triton's dynamic batcher): a request that finds the device idle runs at once; those
/// that queue behind a running batch leave together when it is done, once the queue holds <see cref="MaxBatchCrops"/>
/// crops or its oldest request has waited <see cref="MaxQueueDelay"/>; a request's crops are never split across batches.
/// </summary>
public sealed record BatchingOptions
{
    public BatchingOptions(int maxBatchCrops, TimeSpan maxQueueDelay)
    {
        if (maxBatchCrops <= 0)
            throw new ArgumentException($"MaxBatchCrops {maxBatchCrops} must be positive", nameof(maxBatchCrops));
        if (maxQueueDelay < TimeSpan.Zero)
            throw new ArgumentException($"MaxQueueDelay {maxQueueDelay} must not be negative", nameof(maxQueueDelay));
        MaxBatchCrops = maxBatchCrops;
        MaxQueueDelay = maxQueueDelay;
    }

    public int MaxBatchCrops { get; }
    public TimeSpan MaxQueueDelay { get; }
}
