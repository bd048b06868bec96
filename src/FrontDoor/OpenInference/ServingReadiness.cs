using Ensemble.Client;
using Microsoft.Extensions.Hosting;

namespace Ensemble.FrontDoor.OpenInference;

/// <summary>
/// Whether this silo should get traffic: not while it stops (it turns not-ready before it drains, so a load balancer
/// stops sending first), and only once the cluster has an active manifest.
/// </summary>
public sealed class ServingReadiness(EnsembleClient client, IHostApplicationLifetime lifetime)
{
    public async Task<(bool Ready, string Reason)> CheckAsync()
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested)
            return (false, "the silo is stopping");
        try
        {
            var manifest = await client.GetManifestAsync();
            return (true, $"manifest {manifest.Version} active");
        }
        catch (InvalidOperationException e)
        {
            return (false, e.Message); // no manifest active yet: not ready, which is the answer, not a fault
        }
    }
}
