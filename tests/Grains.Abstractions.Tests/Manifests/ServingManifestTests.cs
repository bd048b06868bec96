using Ensemble.Grains.Abstractions.Manifests;
using Ensemble.Settings;

namespace Ensemble.Grains.Abstractions.Tests.Manifests;

public sealed class ServingManifestTests
{
    private static ServedModel Model(string id, double weight = 1) =>
        new(id, "torch", "customcnn", $"/m/{id}.bin", new string('a', 64), weight, ServedModel.DefaultMaxBatchCrops, ServedModel.DefaultMaxQueueDelayMs);

    private static ServingManifest Manifest(params ServedModel[] models) =>
        new("v1", ["a", "b"], AudioOptions.Default, models, "/runs/x/ensemble.json");

    [Fact]
    public void Batching_defaults_are_pinned()
    {
        Assert.Equal(64, ServedModel.DefaultMaxBatchCrops);
        Assert.Equal(5, ServedModel.DefaultMaxQueueDelayMs);
    }

    [Fact]
    public void A_valid_manifest_passes() => Manifest(Model("m0"), Model("m1")).Validate();

    [Fact]
    public void Duplicate_ids_are_rejected() =>
        Assert.Contains("twice", Assert.Throws<ArgumentException>(Manifest(Model("m0"), Model("m0")).Validate).Message);

    [Fact]
    public void Bad_hash_names_the_model_and_field() =>
        Assert.Contains("'m0' Sha256", Assert.Throws<ArgumentException>(Manifest(Model("m0") with { Sha256 = "abc" }).Validate).Message);

    [Fact]
    public void Zero_total_weight_is_rejected() =>
        Assert.Throws<ArgumentException>(Manifest(Model("m0", 0)).Validate);
}
