namespace Ensemble.Cli.Load;

/// <summary>One finished request: when it finished (since the run began), how long it took, and what came back.</summary>
internal sealed record LoadSample(TimeSpan FinishedAt, double LatencyMs, LoadAnswer? Answer, string? ErrorKind)
{
    public bool Succeeded => Answer is not null;
}
