using Ensemble.Grains.Abstractions;
using Ensemble.Grains.Abstractions.Registry;
using Ensemble.Grains.Inference;
using Ensemble.Grains.Placement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Serialization;

namespace Ensemble.Grains.Hosting;

public static class ServingSiloBuilderExtensions
{
    /// <summary>
    /// The serving grains' silo-side services: GPU inventory in silo metadata, GPU placement, device workers,
    /// activity propagation, Ensemble's exception types on the wire (<see cref="EnsembleExceptions"/>) and the serving
    /// meter (<see cref="ServingMetrics"/>), and the silo's readiness (<see cref="SiloReadiness"/>). The caller registers an <see cref="IModelRunnerFactory"/> and a
    /// <see cref="Clips.IClipFeaturizer"/>.
    /// </summary>
    public static ISiloBuilder AddEnsembleServing(this ISiloBuilder builder, GpuInventory inventory, ServingOptions options)
    {
        builder.UseSiloMetadata(inventory.ToMetadata());
        builder.AddActivityPropagation();
        builder.AddPlacementDirector<GpuPlacementStrategy, GpuPlacementDirector>();
        var services = builder.Services;
        services.Configure<ExceptionSerializationOptions>(EnsembleExceptions.Allow);
        services.AddSingleton(inventory);
        services.AddSingleton(options);
        services.AddSingleton<LocalGpuAllocator>();
        services.AddSingleton<DeviceWorkerPool>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<ServingMetrics>();
        services.TryAddSingleton<SiloReadiness>();
        services.TryAddSingleton<ISiloReadiness>(sp => sp.GetRequiredService<SiloReadiness>());
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<SiloReadiness>());
        return builder;
    }
}
