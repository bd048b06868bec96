using Ensemble.Grains.Abstractions.Manifests;
using Ensemble.Settings;

namespace Ensemble.Grains.Abstractions.Tests.Manifests;

public sealed class ServingManifestTests
{
    private static ServedModel Model(string id, double weight = 1) =>
        new(id, "customcnn", [new ModelFile(ModelFile.TorchFormat, $"/m/{id}.bin", new string('a', 64)), new ModelFile(ModelFile.OnnxFormat, $"/m/{id}.onnx", new string('b', 64))],
            weight, ServedModel.DefaultMaxBatchCrops, ServedModel.DefaultMaxQueueDelayMs);

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
        Assert.Contains("onnx file of model 'm0' has Sha256 'abc'", Assert.Throws<ArgumentException>(
            Manifest(Model("m0") with { Files = [Model("m0").Files[0], Model("m0").Files[1] with { Sha256 = "abc" }] }).Validate).Message);

    [Fact]
    public void A_model_without_files_or_with_two_of_one_format_is_rejected()
    {
        Assert.Contains("'m0' lists no Files", Assert.Throws<ArgumentException>(Manifest(Model("m0") with { Files = [] }).Validate).Message);
        Assert.Contains("'m0' lists two torch files", Assert.Throws<ArgumentException>(
            Manifest(Model("m0") with { Files = [Model("m0").Files[0], Model("m0").Files[0]] }).Validate).Message);
    }

    [Fact]
    public void FileOf_finds_a_format_or_answers_null()
    {
        var model = Model("m0");
        Assert.Equal("/m/m0.onnx", model.FileOf(ModelFile.OnnxFormat)?.Path);
        Assert.Null((model with { Files = [model.Files[0]] }).FileOf(ModelFile.OnnxFormat));
    }

    [Fact]
    public void Zero_total_weight_is_rejected() =>
        Assert.Throws<ArgumentException>(Manifest(Model("m0", 0)).Validate);
}
