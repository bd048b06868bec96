using Ensemble.Client;

namespace Ensemble.Cli.Training;

/// <summary>How `train --cluster`, `jobs` and `cancel` reach a cluster: one <see cref="EnsembleConnection"/>, its problems reported as lines.</summary>
internal static class TrainingConnection
{
    /// <summary>
    /// Connects and runs <paramref name="body"/>. A bad `--cluster` or TLS option is one line and rc 2 (usage), no
    /// reachable gateway one line and rc 1; what <paramref name="body"/> throws is its own.
    /// </summary>
    public static async Task<int> RunAsync(string command, string cluster, int gatewayPort, Func<TlsSettings?> tls, TextWriter error,
        Func<EnsembleConnection, Task<int>> body, CancellationToken cancellationToken)
    {
        var connected = false;
        try
        {
            await using var connection = await ConnectAsync(cluster, gatewayPort, tls(), cancellationToken);
            connected = true;
            return await body(connection);
        }
        catch (ArgumentException e) when (!connected)
        {
            await error.WriteLineAsync($"ensemble {command}: {e.Message}");
            return EnsembleCli.UsageExitCode;
        }
        catch (ClusterUnavailableException e) when (!connected)
        {
            await error.WriteLineAsync($"ensemble {command}: {e.Message}");
            return 1;
        }
    }

    /// <param name="tls">Mutual TLS to the gateways (`--tls-cert/--tls-key/--tls-ca`); null: plain TCP.</param>
    /// <exception cref="ClusterUnavailableException">No gateway answered.</exception>
    public static Task<EnsembleConnection> ConnectAsync(string cluster, int gatewayPort, TlsSettings? tls, CancellationToken cancellationToken) =>
        EnsembleConnection.ConnectAsync(ClusterEndpoint.Parse(cluster), gatewayPort, tls: tls, cancellationToken: cancellationToken);
}
