using Ensemble.Client;
using Ensemble.Grains.Training;

namespace Ensemble.Silo.Hosting;

public static class TrainingSiloExtensions
{
    /// <summary>
    /// Makes the silo a trainer (one trainer grain per device in <paramref name="options"/>) and a home for training
    /// coordinators, with the job tables in memory on a localhost cluster and in Redis on a Redis cluster, and the
    /// coordinators' reminders beside them, so a run outlives the silo its coordinator was on.
    /// </summary>
    public static ISiloBuilder UseEnsembleTraining(this ISiloBuilder silo, ClusterEndpoint cluster, TrainingOptions options, TlsSettings? tls = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(cluster);
        silo.AddEnsembleTraining(options);
        silo.AddEnsembleGrainStorage(cluster, TrainingStorage.Name, tls);
        if (!cluster.IsLocalhost)
            silo.UseRedisReminderService(o => o.ConfigurationOptions = cluster.RedisOptions(tls));
        else
            silo.UseInMemoryReminderService();
        return silo;
    }
}
