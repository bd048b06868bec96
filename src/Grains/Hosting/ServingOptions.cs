namespace Ensemble.Grains.Hosting;

/// <summary>
/// Serving behaviour of one silo. <see cref="HedgeAfter"/>: a model that has not answered by then gets the same
/// request sent to its replica (null: no hedging). <see cref="DefaultManifestPath"/>: what the registry activates
/// when it starts empty (the run the silo was started with).
/// </summary>
public sealed record ServingOptions
{
    public static readonly TimeSpan DefaultHedgeAfter = TimeSpan.FromSeconds(2);

    public ServingOptions(TimeSpan? hedgeAfter = null, string? defaultManifestPath = null, bool hedgingEnabled = true)
    {
        var hedge = hedgeAfter ?? DefaultHedgeAfter;
        if (hedge <= TimeSpan.Zero)
            throw new ArgumentException($"HedgeAfter {hedge} must be positive", nameof(hedgeAfter));
        HedgeAfter = hedgingEnabled ? hedge : null;
        DefaultManifestPath = defaultManifestPath;
    }

    public TimeSpan? HedgeAfter { get; }
    public string? DefaultManifestPath { get; }
}
