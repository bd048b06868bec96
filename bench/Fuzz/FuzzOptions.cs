namespace Ensemble.Fuzz;

/// <summary>A mutation run's settings, checked at construction (every problem at once).</summary>
internal sealed record FuzzOptions
{
    public const int DefaultCasesPerTarget = 20_000;
    public const int DefaultSeed = 2019;
    public const int DefaultMaxInputBytes = 256 * 1024;
    public static readonly TimeSpan DefaultHangLimit = TimeSpan.FromSeconds(1);

    public FuzzOptions(int casesPerTarget = DefaultCasesPerTarget, int seed = DefaultSeed, TimeSpan? hangLimit = null,
        int maxInputBytes = DefaultMaxInputBytes, string? findingsDirectory = null)
    {
        var limit = hangLimit ?? DefaultHangLimit;
        var problems = new List<string>();
        if (casesPerTarget <= 0)
            problems.Add($"casesPerTarget must be positive, got {casesPerTarget}");
        if (limit <= TimeSpan.Zero)
            problems.Add($"hangLimit must be positive, got {limit}");
        if (maxInputBytes <= 0)
            problems.Add($"maxInputBytes must be positive, got {maxInputBytes}");
        if (problems.Count > 0)
            throw new ArgumentException("FuzzOptions: " + string.Join("; ", problems));
        CasesPerTarget = casesPerTarget;
        Seed = seed;
        HangLimit = limit;
        MaxInputBytes = maxInputBytes;
        FindingsDirectory = findingsDirectory;
    }

    public int CasesPerTarget { get; }
    public int Seed { get; }
    public TimeSpan HangLimit { get; }
    public int MaxInputBytes { get; }

    /// <summary>Where each finding's input is saved (null: not saved).</summary>
    public string? FindingsDirectory { get; }
}
