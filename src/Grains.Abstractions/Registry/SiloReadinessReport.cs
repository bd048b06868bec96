namespace Ensemble.Grains.Abstractions.Registry;

/// <summary>A readiness answer: ready or not, and why (every problem found, for the operator's log and probes).</summary>
public sealed record SiloReadinessReport(bool IsReady, string Reason)
{
    public static SiloReadinessReport NotReady(string reason) => new(false, reason);
}
