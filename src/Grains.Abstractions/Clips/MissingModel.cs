namespace Ensemble.Grains.Abstractions.Clips;

/// <summary>A model left out of a partial blend: its id, whether it was late or failed, and the detail.</summary>
[GenerateSerializer, Immutable]
public sealed record MissingModel
{
    public MissingModel(string modelId, MissingReason reason, string message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        ArgumentNullException.ThrowIfNull(message);
        if (!Enum.IsDefined(reason))
            throw new ArgumentOutOfRangeException(nameof(reason), reason, "a missing model is late or failed");
        (ModelId, Reason, Message) = (modelId, reason, message);
    }

    [Id(0)] public string ModelId { get; }
    [Id(1)] public MissingReason Reason { get; }
    [Id(2)] public string Message { get; }

    public override string ToString() => $"{ModelId} ({ReasonText}: {Message})";

    private string ReasonText => Reason switch
    {
        MissingReason.Late => "late",
        MissingReason.Failed => "failed",
        _ => throw new InvalidOperationException($"unknown missing reason {Reason}"),
    };
}
