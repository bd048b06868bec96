namespace Ensemble.Client;

/// <summary>
/// How <see cref="EnsembleClient"/> makes one tagging call: up to <see cref="MaxAttempts"/> attempts, each given
/// <see cref="PerCallTimeout"/> (keep it under the connection's response timeout so the client's own, typed timeout
/// fires first), <see cref="RetryDelay"/> doubling between attempts. Tagging is idempotent (a clip's answer depends on
/// its bytes and the manifest only), so a call that may or may not have reached a silo is safe to repeat.
/// </summary>
public sealed record TagCallOptions
{
    public const int DefaultMaxAttempts = 3;
    public static readonly TimeSpan DefaultPerCallTimeout = TimeSpan.FromSeconds(25);
    public static readonly TimeSpan DefaultRetryDelay = TimeSpan.FromMilliseconds(500);

    public TagCallOptions(int maxAttempts = DefaultMaxAttempts, TimeSpan? perCallTimeout = null, TimeSpan? retryDelay = null)
    {
        MaxAttempts = maxAttempts;
        PerCallTimeout = perCallTimeout ?? DefaultPerCallTimeout;
        RetryDelay = retryDelay ?? DefaultRetryDelay;
        var problems = new List<string>();
        if (MaxAttempts is < 1 or > 10)
            problems.Add($"maxAttempts must be 1..10, got {MaxAttempts}");
        if (PerCallTimeout <= TimeSpan.Zero)
            problems.Add($"perCallTimeout must be positive, got {PerCallTimeout}");
        if (RetryDelay < TimeSpan.Zero)
            problems.Add($"retryDelay must not be negative, got {RetryDelay}");
        if (problems.Count > 0)
            throw new ArgumentException(string.Join("; ", problems));
    }

    public static TagCallOptions Default { get; } = new();

    public int MaxAttempts { get; }
    public TimeSpan PerCallTimeout { get; }
    public TimeSpan RetryDelay { get; }

    /// <summary>Throws when <see cref="PerCallTimeout"/> is not under <paramref name="responseTimeout"/>.</summary>
    public void CheckUnder(TimeSpan responseTimeout)
    {
        if (PerCallTimeout >= responseTimeout)
            throw new ArgumentException($"the per-call timeout ({PerCallTimeout.TotalSeconds:F0} s) must be under the response timeout ({responseTimeout.TotalSeconds:F0} s)");
    }
}
