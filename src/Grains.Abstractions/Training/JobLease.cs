namespace Ensemble.Grains.Abstractions.Training;

/// <summary>
/// One trainer's claim on one job: the run, the job and the fencing token the coordinator handed out with it. A job
/// that moves to another trainer gets a higher token, so a report or commit with an older one is refused.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record JobLease(
    [property: Id(0)] string RunId,
    [property: Id(1)] string JobId,
    [property: Id(2)] long Token)
{
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(RunId))
            throw new ArgumentException("RunId is empty", nameof(RunId));
        if (string.IsNullOrWhiteSpace(JobId))
            throw new ArgumentException($"{RunId}: JobId is empty", nameof(JobId));
        if (Token <= 0)
            throw new ArgumentException($"{RunId}/{JobId}: Token {Token} must be positive", nameof(Token));
    }

    public override string ToString() => $"{RunId}/{JobId}#{Token}";
}
