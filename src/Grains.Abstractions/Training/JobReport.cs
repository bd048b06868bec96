namespace Ensemble.Grains.Abstractions.Training;

/// <summary>
/// A running job's news for its coordinator: progress lines (the local `train` form, e.g. "[cnn fold 1/5] epoch 3 ..."),
/// and after a finished epoch its number and figures. Every accepted report renews the lease.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record JobReport(
    [property: Id(0)] JobLease Lease,
    [property: Id(1)] string Trainer,
    [property: Id(2)] IReadOnlyList<string> Lines,
    [property: Id(3)] int? CompletedEpoch = null,
    [property: Id(4)] double EpochSeconds = 0,
    [property: Id(5)] double SamplesPerSecond = 0)
{
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Lease);
        Lease.Validate();
        if (string.IsNullOrWhiteSpace(Trainer))
            throw new ArgumentException($"{Lease}: Trainer is empty", nameof(Trainer));
        ArgumentNullException.ThrowIfNull(Lines);
        if (CompletedEpoch is <= 0)
            throw new ArgumentException($"{Lease}: CompletedEpoch {CompletedEpoch} must be positive", nameof(CompletedEpoch));
        if (!double.IsFinite(EpochSeconds) || EpochSeconds < 0 || !double.IsFinite(SamplesPerSecond) || SamplesPerSecond < 0)
            throw new ArgumentException($"{Lease}: epoch seconds {EpochSeconds} and samples/s {SamplesPerSecond} must be finite and non-negative");
    }
}
