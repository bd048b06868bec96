namespace Ensemble.Grains.Abstractions.Training;

/// <summary>
/// How a job attempt ended: finished (<see cref="Failure"/> null), or failed with its kind and message. A finished
/// prepare job lists the stages the prepared run has (<see cref="Stages"/>, job ids); a finished assembly names the
/// manifest it wrote.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record JobOutcome(
    [property: Id(0)] JobLease Lease,
    [property: Id(1)] string Trainer,
    [property: Id(2)] JobFailureKind? Failure,
    [property: Id(3)] string? Message,
    [property: Id(4)] IReadOnlyList<string>? Stages = null,
    [property: Id(5)] string? ManifestPath = null)
{
    public bool Succeeded => Failure is null;

    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Lease);
        Lease.Validate();
        if (string.IsNullOrWhiteSpace(Trainer))
            throw new ArgumentException($"{Lease}: Trainer is empty", nameof(Trainer));
        if (Failure is { } kind && !Enum.IsDefined(kind))
            throw new ArgumentException($"{Lease}: failure kind {(int)kind} is unknown", nameof(Failure));
        if (Failure is not null && string.IsNullOrWhiteSpace(Message))
            throw new ArgumentException($"{Lease}: a failure carries its message", nameof(Message));
    }
}
