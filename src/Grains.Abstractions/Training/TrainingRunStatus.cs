namespace Ensemble.Grains.Abstractions.Training;

/// <summary>A run as its coordinator sees it: phase, the job table, the manifest once assembled, and the newest event number.</summary>
[GenerateSerializer, Immutable]
public sealed record TrainingRunStatus(
    [property: Id(0)] string RunId,
    [property: Id(1)] TrainingRunPhase Phase,
    [property: Id(2)] IReadOnlyList<TrainingJobStatus> Jobs,
    [property: Id(3)] string? RunDirectory,
    [property: Id(4)] string? ManifestPath,
    [property: Id(5)] long LastEvent,
    [property: Id(6)] string CoordinatorSilo,
    [property: Id(7)] string? Error = null)
{
    public bool IsDone => Phase is TrainingRunPhase.Finished or TrainingRunPhase.Failed or TrainingRunPhase.Cancelled;
}
