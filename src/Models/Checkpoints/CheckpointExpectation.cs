using Ensemble.Settings;

namespace Ensemble.Models.Checkpoints;

/// <summary>What the loader must find; a null member is not checked. <see cref="Audio"/> is compared field by field.</summary>
public sealed record CheckpointExpectation(string? Architecture = null, IReadOnlyList<string>? Classes = null, AudioOptions? Audio = null)
{
    public static CheckpointExpectation Any { get; } = new();
}
