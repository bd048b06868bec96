namespace Ensemble.Client;

/// <summary>
/// What the silos and the clients of one deployment agree on unless told otherwise: cluster and service ids, the
/// gateway port clients look for, the largest message (a long clip's WAV bytes travel in one) and the response timeout.
/// </summary>
public static class ClusterDefaults
{
    public const string ClusterId = "ensemble";
    public const string ServiceId = "ensemble-serving";
    public const int GatewayPort = 30000;
    public const int MaxMessageBodyBytes = 256 * 1024 * 1024;
    public static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long a starting client looks for a gateway before it gives up with <see cref="ClusterUnavailableException"/>.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);
}
