namespace Ensemble.Fuzz;

/// <summary>What one target's run saw.</summary>
internal sealed record FuzzTargetReport(
    string Target,
    int Cases,
    int Accepted,
    int TypedErrors,
    IReadOnlyList<FuzzFinding> Findings,
    TimeSpan Elapsed,
    double SlowestCaseMs,
    double LargestAllocationToBound)
{
    public double CasesPerSecond => Cases / Math.Max(Elapsed.TotalSeconds, 1e-9);
}
