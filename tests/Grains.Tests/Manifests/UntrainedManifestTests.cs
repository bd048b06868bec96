using Ensemble.Grains.Abstractions.Manifests;
using Ensemble.Grains.Inference;
using Ensemble.Grains.Manifests;
using Ensemble.Models;
using Ensemble.Settings;

namespace Ensemble.Grains.Tests.Manifests;

public sealed class UntrainedManifestTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ensemble-untrained-manifest-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void One_model_per_architecture_given_each_with_both_files_that_load()
    {
        string[] architectures = [ModelSpec.CustomCnn, ModelSpec.Inception1, ModelSpec.CustomCnn];
        var manifest = UntrainedManifest.Write(_folder, ["a", "b"], architectures, new AudioOptions(testTtaCrops: 1), widthMultiplier: 0.0625);

        Assert.Equal(architectures, manifest.Models.Select(m => m.Architecture));
        Assert.Equal(3, manifest.Models.Select(m => m.Id).Distinct().Count());
        foreach (var model in manifest.Models)
        {
            using var runner = new ServingModelRunnerFactory().Create(manifest, model, model.FileOf(ModelFile.TorchFormat)!, "cpu");
            Assert.Equal(2, runner.ClassCount);
        }
    }
}
