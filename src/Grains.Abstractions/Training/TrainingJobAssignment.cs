namespace Ensemble.Grains.Abstractions.Training;

/// <summary>
/// A job handed to a trainer with its lease: what to run (<see cref="Kind"/>, and for a stage its model and fold,
/// null for the noisy pretraining) and the run it belongs to.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record TrainingJobAssignment(
    [property: Id(0)] JobLease Lease,
    [property: Id(1)] TrainingJobKind Kind,
    [property: Id(2)] string? Model,
    [property: Id(3)] int? Fold,
    [property: Id(4)] TrainingRunSubmission Run)
{
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Lease);
        ArgumentNullException.ThrowIfNull(Run);
        Lease.Validate();
        Run.Validate();
        if (Lease.RunId != Run.RunId)
            throw new ArgumentException($"lease {Lease} is for another run than '{Run.RunId}'", nameof(Lease));
        if (!Enum.IsDefined(Kind))
            throw new ArgumentException($"{Lease}: job kind {(int)Kind} is unknown", nameof(Kind));
        if (Kind == TrainingJobKind.Stage && string.IsNullOrWhiteSpace(Model))
            throw new ArgumentException($"{Lease}: a stage job names its model", nameof(Model));
        if (Kind != TrainingJobKind.Stage && (Model is not null || Fold is not null))
            throw new ArgumentException($"{Lease}: only a stage job names a model and fold", nameof(Model));
        if (Fold < 0)
            throw new ArgumentException($"{Lease}: fold {Fold} is negative", nameof(Fold));
    }
}
