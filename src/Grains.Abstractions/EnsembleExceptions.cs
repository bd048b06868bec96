using Orleans.Serialization;

namespace Ensemble.Grains.Abstractions;

/// <summary>
/// Lets Ensemble's own exception types (AudioFormatException, ModelIntegrityException, CheckpointException, ...) cross
/// Orleans with their type, message, stack trace and inner exception through Orleans' exception codec, which by default
/// carries only System/Microsoft/Azure types. Silo and client must both allow them. Other properties do not cross (they
/// read as defaults), and a client that lacks the type's assembly gets Orleans' UnavailableExceptionFallbackException
/// naming the type, so the messages carry everything a caller needs.
/// </summary>
public static class EnsembleExceptions
{
    public const string NamespacePrefix = "Ensemble.";

    public static void Allow(ExceptionSerializationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.SupportedNamespacePrefixes.Add(NamespacePrefix);
    }
}
