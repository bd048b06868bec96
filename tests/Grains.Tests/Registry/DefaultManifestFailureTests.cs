using Ensemble.Grains.Abstractions.Clips;
using Ensemble.Grains.Abstractions.Registry;
using Ensemble.Grains.Hosting;
using Ensemble.Grains.Inference;
using Ensemble.Grains.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace Ensemble.Grains.Tests.Registry;

public sealed class DefaultManifestFailureTests
{
    [Fact]
    public async Task A_default_manifest_with_a_model_that_cannot_load_answers_partial_naming_it_and_the_silo_is_not_ready()
    {
        using var manifests = new TestManifests();
        var manifest = await WriteTamperedAsync(manifests, "default", models: 2, tampered: 1);
        await using var serving = await StartServingAsync(manifest);

        Assert.Equal(manifest.Version, (await serving.Registry.GetActiveAsync()).Version);
        var result = await serving.Client.GetGrain<IClipGrain>(0).TagAsync(ClipTagRequest.FromBytes("clip.wav", TestFeaturizer.Clip(5), deadlineMs: 60_000));
        Assert.True(result.IsPartial);
        var missing = Assert.Single(result.MissingModels);
        Assert.Equal(("d1", MissingReason.Failed), (missing.ModelId, missing.Reason));
        Assert.Contains(nameof(ModelIntegrityException), missing.Message, StringComparison.Ordinal);
        // Without a deadline a request needs every model: the typed error naming the file, not a silent blend of one.
        await Assert.ThrowsAsync<ModelIntegrityException>(() => serving.Client.GetGrain<IClipGrain>(0).TagAsync(ClipTagRequest.FromBytes("clip.wav", TestFeaturizer.Clip(5))));

        var readiness = await serving.Cluster.Silos[0].ServiceProvider.GetRequiredService<ISiloReadiness>().CheckAsync();
        Assert.False(readiness.IsReady);
        Assert.Contains("d1", readiness.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_default_manifest_whose_every_model_fails_leaves_no_manifest_active_and_readiness_says_why()
    {
        using var manifests = new TestManifests();
        var manifest = await WriteTamperedAsync(manifests, "broken", models: 1, tampered: 0);
        await using var serving = await StartServingAsync(manifest);

        await Assert.ThrowsAsync<ModelIntegrityException>(() => serving.Registry.GetActiveAsync());
        var readiness = await serving.Cluster.Silos[0].ServiceProvider.GetRequiredService<ISiloReadiness>().CheckAsync();
        Assert.False(readiness.IsReady);
        Assert.Contains(nameof(ModelIntegrityException), readiness.Reason, StringComparison.Ordinal);
    }

    /// <summary>A manifest of models d0, d1, ... whose <paramref name="tampered"/>-th weights file fails its SHA-256.</summary>
    private static async Task<Abstractions.Manifests.ServingManifest> WriteTamperedAsync(TestManifests manifests, string name, int models, int tampered)
    {
        var manifest = manifests.Write(name, models, seed: 6, idPrefix: "d");
        await File.AppendAllTextAsync(manifest.Models[tampered].Files[0].Path, "!");
        return manifest;
    }

    /// <summary>One silo whose default manifest (what --run gives) is <paramref name="manifest"/>.</summary>
    private static Task<ServingCluster> StartServingAsync(Abstractions.Manifests.ServingManifest manifest) =>
        ServingCluster.StartAsync(new ServingOptions(ServingCluster.HedgeAfter, manifest.SourcePath, hedgingEnabled: false), 0);
}
