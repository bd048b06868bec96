namespace Ensemble.Grains.Abstractions.Models;

/// <summary>
/// A model grain's queue was full: the request was refused at once instead of waiting (the front door answers HTTP 429).
/// Not retried by the client library: retry later, or elsewhere. Crosses Orleans with its message (which names the
/// model grain and the limit; the properties read as defaults on the caller's side, see <see cref="EnsembleExceptions"/>).
/// </summary>
public sealed class ModelOverloadedException : Exception
{
    public ModelOverloadedException(string modelGrain, int queuedRequests, int maxQueuedRequests)
        : base($"model grain {modelGrain} is overloaded: {queuedRequests} requests queued, the limit is {maxQueuedRequests}; retry later")
    {
        ModelGrain = modelGrain;
        MaxQueuedRequests = maxQueuedRequests;
    }

    public ModelOverloadedException(string message, Exception inner) : base(message, inner)
    {
    }

    public string? ModelGrain { get; }
    public int MaxQueuedRequests { get; }
}
