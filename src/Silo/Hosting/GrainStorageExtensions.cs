using Ensemble.Client;
using StackExchange.Redis;

namespace Ensemble.Silo.Hosting;

public static class GrainStorageExtensions
{
    /// <summary>
    /// Grain storage <paramref name="name"/>: Orleans' memory storage on a localhost cluster (held by storage grains
    /// on the silos, so lost with the silo holding it), Redis on a Redis cluster (it outlives every silo), the same
    /// Redis the membership table is in.
    /// </summary>
    public static ISiloBuilder AddEnsembleGrainStorage(this ISiloBuilder silo, ClusterEndpoint cluster, string name)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(cluster);
        if (cluster.RedisConfiguration is { } redis)
            silo.AddRedisGrainStorage(name, o => o.ConfigurationOptions = ConfigurationOptions.Parse(redis));
        else
            silo.AddMemoryGrainStorage(name);
        return silo;
    }
}
