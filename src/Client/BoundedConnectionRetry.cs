namespace Ensemble.Client;

/// <summary>
/// Orleans' connection retry filter for a starting client: retries every <paramref name="retryDelay"/> until
/// <paramref name="connectTimeout"/> has passed since the first failure, then gives up so that start-up ends with an
/// error instead of waiting forever for a cluster that is not there.
/// </summary>
public sealed class BoundedConnectionRetry(TimeSpan connectTimeout, TimeSpan retryDelay, TimeProvider time) : IClientConnectionRetryFilter
{
    public static readonly TimeSpan DefaultRetryDelay = TimeSpan.FromSeconds(1);

    private long? _firstFailure;

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        _firstFailure ??= time.GetTimestamp();
        if (time.GetElapsedTime(_firstFailure.Value) + retryDelay > connectTimeout)
            return false;
        await Task.Delay(retryDelay, time, cancellationToken);
        return true;
    }
}
