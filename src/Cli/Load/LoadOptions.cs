namespace Ensemble.Cli.Load;

/// <summary>
/// A load run in perf_analyzer's concurrency mode: <see cref="Clients"/> loops each keep one request in flight for
/// <see cref="Warmup"/> + <see cref="Duration"/>; requests finishing in the warm-up are not counted; the measured part is
/// cut into windows of <see cref="Window"/> to show whether throughput was stable. Checked at construction.
/// </summary>
internal sealed record LoadOptions
{
    public const int DefaultClients = 4;
    public const int DefaultDurationSeconds = 30;
    public const int DefaultWarmupSeconds = 5;
    public const int DefaultWindowSeconds = 5;
    public const int DefaultMemoryIntervalMs = 1000;

    /// <summary>perf_analyzer's stability rule: the last three windows' throughputs within 10 % of their mean.</summary>
    public const double StabilityTolerance = 0.10;

    public const int StableWindows = 3;

    /// <summary>How long after the end a request may still answer before it counts as lost: longer than any bounded
    /// request (the client library's 3 attempts of 25 s, the HTTP target's 2 min).</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(150);

    public LoadOptions(int clients, TimeSpan duration, TimeSpan warmup, TimeSpan window, TimeSpan memoryInterval)
    {
        var problems = new List<string>();
        if (clients <= 0)
            problems.Add($"--clients must be positive, got {clients}");
        if (duration <= TimeSpan.Zero)
            problems.Add($"--duration must be positive, got {duration.TotalSeconds} s");
        if (warmup < TimeSpan.Zero)
            problems.Add($"--warmup must be ≥ 0, got {warmup.TotalSeconds} s");
        if (window <= TimeSpan.Zero || window > duration)
            problems.Add($"--window must be positive and at most --duration, got {window.TotalSeconds} s");
        if (memoryInterval <= TimeSpan.Zero)
            problems.Add($"the memory interval must be positive, got {memoryInterval.TotalMilliseconds} ms");
        if (problems.Count > 0)
            throw new ArgumentException(string.Join("; ", problems));
        Clients = clients;
        Duration = duration;
        Warmup = warmup;
        Window = window;
        MemoryInterval = memoryInterval;
    }

    public int Clients { get; }
    public TimeSpan Duration { get; }
    public TimeSpan Warmup { get; }
    public TimeSpan Window { get; }
    public TimeSpan MemoryInterval { get; }
}
