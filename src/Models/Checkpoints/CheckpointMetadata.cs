using Ensemble.Settings;

namespace Ensemble.Models.Checkpoints;

/// <summary>
/// The JSON sidecar beside a checkpoint's weights: what the weights are (architecture, width, classes in output
/// order), what they were trained to see (the whole settings record, compared field by field on load), where they came from (training run id)
/// and the SHA-256 and size of the weights file, checked on every load.
/// </summary>
public sealed record CheckpointMetadata
{
    /// <summary>2: the whole settings record (format 1 stored only its hash).</summary>
    public const int CurrentFormatVersion = 2;

    public required int FormatVersion { get; init; }
    public required string Architecture { get; init; }
    public required double WidthMultiplier { get; init; }
    public required IReadOnlyList<string> Classes { get; init; }
    public required AudioOptions Audio { get; init; }
    public required string TrainingRunId { get; init; }
    public required string WeightsFile { get; init; }
    public required long WeightsBytes { get; init; }
    public required string WeightsSha256 { get; init; }

    public ModelSpec ToSpec() => new(Architecture, WidthMultiplier, Classes.Count);
}
