using Ensemble.Grains.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Serialization;

namespace Ensemble.Grains.Training;

public static class TrainingSiloBuilderExtensions
{
    /// <summary>
    /// The training grains' silo-side services: this silo's training devices and build in silo metadata (how
    /// coordinators find trainers), the trainer placement director, one device worker per training device, the
    /// training instruments (<see cref="TrainingMetrics"/>), and Ensemble's exception types on the wire. The caller adds grain storage named <see cref="TrainingStorage.Name"/>
    /// and a reminder service (memory embedded, Redis in a cluster).
    /// </summary>
    public static ISiloBuilder AddEnsembleTraining(this ISiloBuilder builder, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        builder.UseSiloMetadata(TrainingMetadata.ToMetadata(options));
        builder.AddPlacementDirector<TrainerPlacementStrategy, TrainerPlacementDirector>();
        var services = builder.Services;
        services.Configure<ExceptionSerializationOptions>(EnsembleExceptions.Allow);
        services.AddSingleton(options);
        services.AddMetrics();
        services.TryAddSingleton<TrainingMetrics>();
        services.AddSingleton<TrainerDevices>();
        services.TryAddSingleton<ITrainerObserver, NoTrainerObserver>();
        return builder;
    }
}
