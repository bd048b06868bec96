using Ensemble.Grains.Abstractions.Clips;
using Ensemble.Grains.Abstractions.Manifests;
using Ensemble.Grains.Abstractions.Models;
using Ensemble.Grains.Tests.Fakes;

namespace Ensemble.Grains.Tests.Clips;

/// <summary>Three silos: a GPU-less primary (the gateway) and two with two simulated GPUs each.</summary>
public sealed class ClusterServingTests : IAsyncLifetime
{
    private const int Models = 4;
    private ServingCluster _serving = null!;
    private ServingManifest _manifest = null!;

    public async Task InitializeAsync()
    {
        _serving = await ServingCluster.StartAsync(0, 2, 2);
        _manifest = await _serving.ActivateAsync("cluster", Models);
    }

    public async Task DisposeAsync() => await _serving.DisposeAsync();

    [Fact]
    public async Task Model_grains_avoid_the_gpu_less_silo_and_spread_evenly_over_the_gpus()
    {
        var statuses = await Task.WhenAll(_manifest.Models
            .SelectMany(m => new[] { 0, 1 }.Select(r => ModelGrainKey.Format(_manifest.Version, m.Id, r)))
            .Select(key => _serving.Client.GetGrain<IModelGrain>(key).WarmUpAsync()));
        var primary = _serving.Cluster.Silos[0].SiloAddress.ToString();
        Assert.DoesNotContain(statuses, s => s.Silo == primary);
        var perGpu = statuses.GroupBy(s => (s.Silo, s.Device)).Select(g => g.Count()).ToArray();
        Assert.Equal(4, perGpu.Length); // 2 silos × 2 GPUs, all used
        Assert.All(perGpu, count => Assert.Equal(2, count));
        Assert.All(statuses, s => Assert.StartsWith("sim-cuda:", s.Device));
        // The two replicas of a model (primary and hedge target) live on different silos, and primaries spread too.
        Assert.All(statuses.GroupBy(s => s.ModelId), g => Assert.Equal(2, g.Select(s => s.Silo).Distinct().Count()));
        var primaries = _manifest.Models.Select(m => statuses.First(s => s.ModelId == m.Id)).ToArray(); // replica 0 comes first
        Assert.Equal(2, primaries.Select(s => s.Silo).Distinct().Count());
        Assert.All(primaries.GroupBy(s => s.Silo), g => Assert.Equal(Models / 2, g.Count()));
    }

    [Fact]
    public async Task Scores_equal_the_in_process_ensemble()
    {
        using var direct = ServingCluster.Direct(_manifest);
        var clips = Enumerable.Range(0, 6).Select(i => ClipTagRequest.FromBytes($"clip{i}.wav", TestFeaturizer.Clip(i), topK: 3)).ToArray();
        var results = await Task.WhenAll(clips.Select(c => _serving.Client.GetGrain<IClipGrain>(0).TagAsync(c)));
        for (var i = 0; i < clips.Length; i++)
        {
            var expected = direct.Predict(clips[i]);
            Assert.Equal(expected.Length, results[i].Scores.Length);
            for (var c = 0; c < expected.Length; c++)
                Assert.Equal(expected[c], results[i].Scores[c], 1e-6f);
            Assert.False(results[i].IsPartial);
            Assert.Equal(Models, results[i].Timings.Length);
            Assert.Equal(3, results[i].Top.Length);
            Assert.Equal(results[i].Scores.Max(), results[i].Top[0].Score);
            Assert.Equal(_manifest.Version, results[i].ManifestVersion);
        }
    }

    [Fact]
    public async Task A_tampered_weights_file_is_refused_and_the_active_version_stays()
    {
        var bad = _serving.Manifests.Write("tampered", models: 1, seed: 9, idPrefix: "t");
        await File.AppendAllTextAsync(bad.Models[0].Files[0].Path, "!");
        var error = await Assert.ThrowsAsync<Ensemble.Grains.Inference.ModelIntegrityException>(() => _serving.Registry.ActivateAsync(bad));
        Assert.Contains("SHA-256", error.Message);
        Assert.Contains(bad.Models[0].Files[0].Path, error.Message);
        Assert.Equal(_manifest.Version, (await _serving.Registry.GetActiveAsync()).Version);
    }

    [Fact]
    public async Task Undecodable_audio_is_a_typed_error_naming_the_clip()
    {
        // The test featurizer rejects empty clips with an ArgumentException; real audio errors travel the same way.
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            _serving.Client.GetGrain<IClipGrain>(0).TagAsync(ClipTagRequest.FromBytes("empty.wav", [])));
        Assert.Contains("empty.wav", error.Message);
    }

    [Fact]
    public async Task Bad_requests_fail_with_the_reason()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            _serving.Client.GetGrain<IClipGrain>(0).TagAsync(new ClipTagRequest("x.wav", null, null, 5, null)));
        Assert.Contains("exactly one", error.Message);
    }
}
