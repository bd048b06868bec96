using Ensemble.Grains.Abstractions.Manifests;
using Ensemble.Grains.Abstractions.Registry;

namespace Ensemble.Client.Tests.Fakes;

/// <summary>A registry with nothing to serve, as a fresh cluster's: every read and activation fails and says why.</summary>
public sealed class EmptyRegistryGrain(ReceivedRequests received) : Grain, IRegistryGrain
{
    public const string NothingActive = "no manifest is active";

    public Task<ServingManifest> GetActiveAsync() => throw new InvalidOperationException(NothingActive);

    public Task<ServingManifest> GetVersionAsync(string version) => throw new InvalidOperationException($"{NothingActive} (asked for {version})");

    public Task<ServingManifest> ActivateAsync(ServingManifest manifest) => throw new InvalidOperationException($"cannot activate {manifest.Version}");

    public Task<ServingManifest> ActivateFromPathAsync(string manifestPath)
    {
        received.AddManifestPath(manifestPath);
        throw new FileNotFoundException($"no manifest at {manifestPath}", manifestPath);
    }
}
