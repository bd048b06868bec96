namespace Ensemble.Cli.Load;

/// <summary>One finished request: when it finished (since the run began), how long it took, what came back, and how
/// many attempts the client library made (more than 1: retried after a silo-unavailable error or a timeout).</summary>
internal sealed record LoadSample(TimeSpan FinishedAt, double LatencyMs, LoadAnswer? Answer, string? ErrorKind, int Attempts = 1)
{
    public bool Succeeded => Answer is not null;
}
