namespace Ensemble.Grains.Abstractions.Training;

/// <summary>A trainer's answer to an assignment: taken (it now runs on the trainer's own thread) or refused, and why.</summary>
[GenerateSerializer, Immutable]
public sealed record JobAcceptance(
    [property: Id(0)] bool Accepted,
    [property: Id(1)] string? Reason)
{
    public static JobAcceptance Taken { get; } = new(true, null);

    public static JobAcceptance Refused(string reason) => new(false, reason);
}
