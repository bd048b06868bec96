using Ensemble.Grains.Abstractions.Manifests;

namespace Ensemble.Grains.Abstractions.Registry;

/// <summary>
/// The cluster's active manifest (one grain, key <see cref="SingletonKey"/>). Hot swap: the new version's model grains
/// are activated and warmed before the switch; requests already running keep the version they started with.
/// </summary>
public interface IRegistryGrain : IGrainWithIntegerKey
{
    public const long SingletonKey = 0;

    /// <summary>The active manifest; throws InvalidOperationException when none was activated.</summary>
    Task<ServingManifest> GetActiveAsync();

    /// <summary>A manifest the registry has activated or is activating, by version (model grains load from it).</summary>
    Task<ServingManifest> GetVersionAsync(string version);

    /// <summary>Warms every model grain of <paramref name="manifest"/>, then makes it the active one.</summary>
    Task<ServingManifest> ActivateAsync(ServingManifest manifest);

    /// <summary>Reads a manifest from a path every silo can see and activates it.</summary>
    Task<ServingManifest> ActivateFromPathAsync(string manifestPath);
}
