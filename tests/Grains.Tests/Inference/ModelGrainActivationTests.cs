using Ensemble.Grains.Inference;
using Ensemble.Grains.Placement;
using Ensemble.Grains.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace Ensemble.Grains.Tests.Inference;

public sealed class ModelGrainActivationTests
{
    [Fact]
    public async Task A_model_that_fails_to_load_gives_its_gpu_lease_back()
    {
        await using var serving = await ServingCluster.StartAsync(2);
        var gpus = serving.Cluster.Silos[0].ServiceProvider.GetRequiredService<LocalGpuAllocator>();
        var bad = serving.Manifests.Write("tampered", models: 3, seed: 4, idPrefix: "t");
        await File.AppendAllTextAsync(bad.Models[1].Files[0].Path, "!");

        await Assert.ThrowsAsync<ModelIntegrityException>(() => serving.Registry.ActivateAsync(bad));

        // The registry warms the three primaries together: the two good ones stay warm (they idle out later), the bad one
        // must hold nothing.
        Assert.Equal(2, gpus.Leases().Values.Sum());
        var good = await serving.ActivateAsync("good", models: 2, seed: 5);
        Assert.Equal(good.Version, (await serving.Registry.GetActiveAsync()).Version);
    }
}
