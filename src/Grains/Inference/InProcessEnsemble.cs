using Ensemble.Grains.Abstractions.Clips;
using Ensemble.Grains.Abstractions.Manifests;
using Ensemble.Grains.Clips;
using Ensemble.Grains.Hosting;
using Ensemble.Models.Inference;

namespace Ensemble.Grains.Inference;

/// <summary>
/// The same ensemble without Orleans: same crops, the same <see cref="ClipScorer"/> reduction and <see cref="WeightedBlend"/>, one thread. The reference the
/// serving path must match, and the "direct call" side of the serving benchmark.
/// </summary>
public sealed class InProcessEnsemble : IDisposable
{
    private readonly ServingManifest _manifest;
    private readonly IClipFeaturizer _featurizer;
    private readonly (ServedModel Model, IModelRunner Runner)[] _runners;

    public InProcessEnsemble(ServingManifest manifest, IClipFeaturizer featurizer, IModelRunnerFactory runners, string device = "cpu",
        ServingBackend backend = ServingOptions.DefaultBackend)
    {
        manifest.Validate();
        _manifest = manifest;
        _featurizer = featurizer;
        _runners = manifest.Models.Select(m =>
        {
            var file = ModelFileChoice.Choose(m, backend, device);
            ModelFileVerifier.Verify(file.Path, file.Sha256);
            return (m, runners.Create(manifest, m, file, device));
        }).ToArray();
    }

    /// <summary>Blended scores of <paramref name="request"/>; <paramref name="onlyModels"/> restricts the blend (partial answers).</summary>
    public float[] Predict(ClipTagRequest request, IReadOnlyCollection<string>? onlyModels = null)
    {
        request.Validate();
        var crops = _featurizer.Featurize(request, _manifest);
        crops.Validate(request.ClipName);
        var parts = _runners
            .Where(r => onlyModels is null || onlyModels.Contains(r.Model.Id))
            .ToArray();
        var weights = crops.Weights ?? Enumerable.Repeat(1, crops.CropCount).ToArray();
        return WeightedBlend.Apply(
            parts.Select(r => ClipScorer.MeanSigmoid(r.Runner.Run(crops.Values, crops.CropCount), r.Runner.ClassCount, weights)).ToArray(),
            parts.Select(r => r.Model.Weight).ToArray());
    }

    public void Dispose()
    {
        foreach (var (_, runner) in _runners)
            runner.Dispose();
    }
}
