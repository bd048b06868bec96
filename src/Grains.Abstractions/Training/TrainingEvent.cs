namespace Ensemble.Grains.Abstractions.Training;

/// <summary>One progress line of a run, numbered so a client that reconnects asks only for what it has not seen.</summary>
[GenerateSerializer, Immutable]
public sealed record TrainingEvent(
    [property: Id(0)] long Sequence,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string? JobId,
    [property: Id(3)] string Text);
