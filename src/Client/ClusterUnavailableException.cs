namespace Ensemble.Client;

/// <summary>No gateway of the cluster answered while a client started: the cluster, how long it tried, and why.</summary>
public sealed class ClusterUnavailableException(ClusterEndpoint cluster, TimeSpan waited, Exception inner)
    : Exception($"no silo of cluster {cluster} answered within {waited.TotalSeconds:F0} s ({inner.GetType().Name}: {inner.Message.ReplaceLineEndings(" ")}); is a silo running?", inner)
{
    public ClusterEndpoint Cluster { get; } = cluster;
}
