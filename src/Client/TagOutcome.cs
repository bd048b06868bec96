using Ensemble.Grains.Abstractions.Clips;

namespace Ensemble.Client;

/// <summary>One clip's outcome in a batch: its result, or why it has none (exactly one of the two).</summary>
public sealed record TagOutcome
{
    private TagOutcome(string path, ClipTagResult? result, TagFailure? failure) => (Path, Result, Failure) = (path, result, failure);

    /// <summary>The path as given.</summary>
    public string Path { get; }
    public ClipTagResult? Result { get; }
    public TagFailure? Failure { get; }

    public static TagOutcome Tagged(string path, ClipTagResult result) => new(path, result ?? throw new ArgumentNullException(nameof(result)), null);

    public static TagOutcome Failed(string path, TagFailure failure) => new(path, null, failure ?? throw new ArgumentNullException(nameof(failure)));
}
