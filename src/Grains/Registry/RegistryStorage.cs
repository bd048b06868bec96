namespace Ensemble.Grains.Registry;

/// <summary>
/// Where the registry keeps its manifests and the active version (<see cref="Name"/>: memory storage on a localhost
/// cluster, Redis on a Redis cluster), so the active version survives the loss of the registry's silo.
/// </summary>
public static class RegistryStorage
{
    public const string Name = "ensemble-registry";
    public const string StateName = "manifests";
}
