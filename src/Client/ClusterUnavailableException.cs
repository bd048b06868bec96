namespace Ensemble.Client;

/// <summary>No gateway of the cluster answered while a client started: the cluster, how long it tried, and why. With
/// <paramref name="withTls"/> the hint also names the other cause: a gateway that refused this client's certificate
/// (or whose certificate this client refused) looks the same from here, a connection closed during the handshake.</summary>
public sealed class ClusterUnavailableException(ClusterEndpoint cluster, TimeSpan waited, Exception inner, bool withTls = false)
    : Exception($"no silo of cluster {cluster} answered within {waited.TotalSeconds:F0} s ({inner.GetType().Name}: {inner.Message.ReplaceLineEndings(" ")}); " +
        (withTls ? "is a silo running, with TLS and a certificate of the same CA as --tls-ca?" : "is a silo running?"), inner)
{
    public ClusterEndpoint Cluster { get; } = cluster;
}
