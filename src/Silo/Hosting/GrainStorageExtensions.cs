using Ensemble.Client;

namespace Ensemble.Silo.Hosting;

public static class GrainStorageExtensions
{
    /// <summary>
    /// Grain storage <paramref name="name"/>: Orleans' memory storage on a localhost cluster (held by storage grains
    /// on the silos, so lost with the silo holding it), Redis on a Redis cluster (it outlives every silo), the same
    /// Redis the membership table is in.
    /// </summary>
    /// <param name="tls">The authority a rediss:// server's certificate may chain to (else the system's roots).</param>
    public static ISiloBuilder AddEnsembleGrainStorage(this ISiloBuilder silo, ClusterEndpoint cluster, string name, TlsSettings? tls = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(cluster);
        if (!cluster.IsLocalhost)
            silo.AddRedisGrainStorage(name, o => o.ConfigurationOptions = cluster.RedisOptions(tls));
        else
            silo.AddMemoryGrainStorage(name);
        return silo;
    }
}
