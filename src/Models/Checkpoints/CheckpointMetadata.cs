namespace Ensemble.Models.Checkpoints;

/// <summary>
/// The JSON sidecar beside a checkpoint's weights: what the weights are (architecture, width, classes in output
/// order), what audio features they expect (the audio options' stable hash), where they came from (training run id)
/// and the SHA-256 and size of the weights file, checked on every load.
/// </summary>
public sealed record CheckpointMetadata
{
    public const int CurrentFormatVersion = 1;

    public required int FormatVersion { get; init; }
    public required string Architecture { get; init; }
    public required double WidthMultiplier { get; init; }
    public required IReadOnlyList<string> Classes { get; init; }
    public required string AudioOptionsHash { get; init; }
    public required string TrainingRunId { get; init; }
    public required string WeightsFile { get; init; }
    public required long WeightsBytes { get; init; }
    public required string WeightsSha256 { get; init; }

    public ModelSpec ToSpec() => new(Architecture, WidthMultiplier, Classes.Count);
}
