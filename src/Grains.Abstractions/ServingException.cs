namespace Ensemble.Grains.Abstractions;

/// <summary>
/// A serving failure from inside the cluster (bad audio, a weights file failing its SHA-256, a checkpoint refused):
/// the original exception's type name and message, carried in a form every client can deserialize.
/// </summary>
[GenerateSerializer]
public sealed class ServingException : Exception
{
    public ServingException(string originalType, string message)
        : base(message) => OriginalType = originalType;

    public ServingException(string originalType, string message, Exception inner)
        : base(message, inner) => OriginalType = originalType;

    /// <summary>Short type name of the exception that was thrown in the silo, e.g. "AudioFormatException".</summary>
    [Id(0)]
    public string OriginalType { get; private set; }
}
