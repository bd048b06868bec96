using Ensemble.Grains.Abstractions.Clips;
using Ensemble.Grains.Abstractions.Manifests;
using Ensemble.Grains.Abstractions.Models;
using Ensemble.Grains.Tests.Fakes;

namespace Ensemble.Grains.Tests.Clips;

/// <summary>
/// Deadlines on a cluster with one simulated GPU per model replica: a held model (its runner blocks inside Run, as a
/// hung device does) then starves only its own device's worker, never another model queued behind it there.
/// </summary>
public sealed class DeadlineServingTests : IAsyncLifetime
{
    private const int Models = 4;

    // m3 is held past the deadline, so each test lasts this long; it covers the other models' answers (and m1's
    // failed primary plus its failed hedge) on a loaded 2-core CI machine.
    private const int DeadlineMs = 3000;

    private ServingCluster _serving = null!;
    private ServingManifest _manifest = null!;

    public async Task InitializeAsync()
    {
        _serving = await ServingCluster.StartAsync(0, Models, Models);
        _manifest = await _serving.ActivateAsync("deadlines", Models);
        var statuses = await Task.WhenAll(_manifest.Models
            .SelectMany(m => new[] { 0, 1 }.Select(r => ModelGrainKey.Format(_manifest.Version, m.Id, r)))
            .Select(key => _serving.Client.GetGrain<IModelGrain>(key).WarmUpAsync()));
        var tenants = statuses.GroupBy(s => (s.Silo, s.Device)).Max(g => g.Count());
        Assert.True(tenants == 1, $"precondition: every replica on its own device, but one device holds {tenants}");
    }

    public async Task DisposeAsync() => await _serving.DisposeAsync();

    [Fact]
    public async Task A_too_short_deadline_answers_partially_and_names_the_missing_model()
    {
        var gate = _serving.Gates.Block("*", "m3");
        try
        {
            var request = ClipTagRequest.FromBytes("late.wav", TestFeaturizer.Clip(42), deadlineMs: DeadlineMs);
            var result = await _serving.Client.GetGrain<IClipGrain>(0).TagAsync(request);
            Assert.True(result.IsPartial);
            var missing = Assert.Single(result.MissingModels);
            Assert.Equal(("m3", MissingReason.Late), (missing.ModelId, missing.Reason));
            Assert.Contains($"{DeadlineMs} ms deadline", missing.Message);
            using var direct = ServingCluster.Direct(_manifest);
            var expected = direct.Predict(request, ["m0", "m1", "m2"]);
            for (var c = 0; c < expected.Length; c++)
                Assert.Equal(expected[c], result.Scores[c], 1e-6f);
        }
        finally
        {
            gate.Release();
        }
    }

    [Fact]
    public async Task A_partial_answer_names_a_failed_model_with_its_error_and_a_late_one_as_late()
    {
        _serving.Gates.Fault("m1", "simulated device fault");
        var gate = _serving.Gates.Block("*", "m3");
        try
        {
            var request = ClipTagRequest.FromBytes("mixed.wav", TestFeaturizer.Clip(43), deadlineMs: DeadlineMs);
            var result = await _serving.Client.GetGrain<IClipGrain>(0).TagAsync(request);
            Assert.True(result.IsPartial);
            Assert.Equal([("m1", MissingReason.Failed), ("m3", MissingReason.Late)], result.MissingModels.Select(m => (m.ModelId, m.Reason)));
            Assert.Contains("simulated device fault", result.MissingModels[0].Message);
            Assert.Equal(2, result.Timings.Length);
        }
        finally
        {
            _serving.Gates.ClearFault("m1");
            gate.Release();
        }
    }
}
