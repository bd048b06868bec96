using Ensemble.Client;
using Ensemble.FrontDoor.OpenInference;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ensemble.FrontDoor;

public static class FrontDoorServices
{
    /// <summary>The front door's services in a host that reaches the cluster (a silo: its own grain factory and its
    /// <see cref="Grains.Abstractions.Registry.ISiloReadiness"/>).</summary>
    public static IServiceCollection AddEnsembleFrontDoor(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => new EnsembleClient(sp.GetRequiredService<IGrainFactory>()));
        services.TryAddSingleton<InferenceService>();
        return services;
    }
}
