using Ensemble.Grains.Abstractions.Training;

namespace Ensemble.Grains.Training;

/// <summary>
/// A coordinator's grain state: the submission, the job table, the event log, the last fencing token handed out
/// (persisted before the job is, so a token is never reused after a restart), and the run's phase.
/// </summary>
[GenerateSerializer]
#pragma warning disable CA1002 // grain state: its one owner, the coordinator, edits the lists in place
public sealed class CoordinatorState
{
    [Id(0)] public TrainingRunSubmission? Submission { get; set; }
    [Id(1)] public List<TrainingJobStatus> Jobs { get; set; } = [];
    [Id(2)] public List<TrainingEvent> Events { get; set; } = [];
    [Id(3)] public long LastToken { get; set; }
    [Id(4)] public TrainingRunPhase Phase { get; set; }
    [Id(5)] public string? ManifestPath { get; set; }
    [Id(6)] public string? Error { get; set; }
}
#pragma warning restore CA1002
