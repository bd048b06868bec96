namespace Ensemble.Grains.Abstractions.Training;

/// <summary>
/// One row of a run's job table: what the job is, what it waits for, where it stands, who holds it with which token
/// until when, how far it got, and how often it was interrupted: <see cref="LostTrainers"/> (its trainer vanished or its
/// lease lapsed) apart from <see cref="Errors"/> (the job itself failed).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record TrainingJobStatus(
    [property: Id(0)] string Id,
    [property: Id(1)] TrainingJobKind Kind,
    [property: Id(2)] string? Model,
    [property: Id(3)] int? Fold,
    [property: Id(4)] IReadOnlyList<string> DependsOn,
    [property: Id(5)] TrainingJobState State,
    [property: Id(6)] int Epochs,
    [property: Id(7)] int CompletedEpochs = 0,
    [property: Id(8)] long Token = 0,
    [property: Id(9)] string? Trainer = null,
    [property: Id(10)] DateTimeOffset? LeaseExpires = null,
    [property: Id(11)] int LostTrainers = 0,
    [property: Id(12)] int Errors = 0,
    [property: Id(13)] string? LastError = null,
    [property: Id(14)] int? ResumedFromEpoch = null,
    [property: Id(15)] double LastEpochSeconds = 0,
    [property: Id(16)] double SamplesPerSecond = 0)
{
    /// <summary>Attempts so far beyond the first: lost trainers and errors together.</summary>
    public int Retries => LostTrainers + Errors;

    public bool IsDone => State is TrainingJobState.Finished or TrainingJobState.Failed or TrainingJobState.Cancelled or TrainingJobState.Skipped;

    public JobLease? Lease(string runId) => State == TrainingJobState.Running && Token > 0 ? new JobLease(runId, Id, Token) : null;
}
