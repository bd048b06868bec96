namespace Ensemble.Models.Checkpoints;

/// <summary>What the loader must find; a null member is not checked.</summary>
public sealed record CheckpointExpectation(string? Architecture = null, IReadOnlyList<string>? Classes = null, string? AudioOptionsHash = null)
{
    public static CheckpointExpectation Any { get; } = new();
}
