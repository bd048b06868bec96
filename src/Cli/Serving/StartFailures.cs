using Ensemble.Client;
using Ensemble.Grains.Abstractions;

namespace Ensemble.Cli.Serving;

/// <summary>
/// Errors of starting an embedded silo or client, or of reading a run folder's manifest, that a serving command
/// reports as one line (as `predict` does) instead of a stack trace: `tag` and `load` add the ones only they meet.
/// </summary>
internal static class StartFailures
{
    public static bool IsOneLine(Exception error) =>
        error is ClusterUnavailableException or OrleansException or TimeoutException or FileNotFoundException
            or DirectoryNotFoundException or InvalidDataException or ArgumentException
        || error.GetType().Namespace?.StartsWith(EnsembleExceptions.NamespacePrefix, StringComparison.Ordinal) == true;
}
