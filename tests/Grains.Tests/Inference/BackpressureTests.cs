using Ensemble.Grains.Abstractions.Clips;
using Ensemble.Grains.Abstractions.Models;
using Ensemble.Grains.Hosting;
using Ensemble.Grains.Tests.Fakes;

namespace Ensemble.Grains.Tests.Inference;

/// <summary>A model grain holds at most <see cref="ServingOptions.MaxQueuedRequests"/> waiting requests; one more is
/// refused at once with the typed exception, which reaches an Orleans client as itself.</summary>
public sealed class BackpressureTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_full_model_grain_refuses_the_next_request_at_once_while_the_queued_one_still_runs()
    {
        await using var serving = await ServingCluster.StartAsync(new ServingOptions(hedgingEnabled: false, maxQueuedRequests: 1), 0);
        var manifest = await serving.ActivateAsync("busy", models: 1);
        var model = serving.Client.GetGrain<IModelGrain>(ModelGrainKey.Format(manifest.Version, manifest.Models[0].Id, 0));
        var (mels, frames) = LinearTestRunnerFactory.CropShape;
        var request = ModelInferenceRequest.FromFloats(new float[mels * frames], 1, mels, frames);
        var gate = serving.Gates.Block("*", manifest.Models[0].Id);

        var running = model.InferAsync(request);
        await gate.Entered.WaitAsync(Wait); // its batch holds the device: the queue is empty again
        var second = model.InferAsync(request);
        var third = model.InferAsync(request);
        // With the device held nothing can finish but a refusal: whichever arrived second is refused, the other queues.
        var refused = await Task.WhenAny(second, third).WaitAsync(Wait);
        var error = await Assert.ThrowsAsync<ModelOverloadedException>(() => refused);
        Assert.Contains($"model grain {ModelGrainKey.Format(manifest.Version, manifest.Models[0].Id, 0)} is overloaded", error.Message, StringComparison.Ordinal);
        Assert.Contains("the limit is 1", error.Message, StringComparison.Ordinal);
        var queued = refused == second ? third : second;
        Assert.False(queued.IsCompleted);
        Assert.False(running.IsCompleted);

        gate.Release();
        Assert.Equal(manifest.Models[0].Id, (await running.WaitAsync(Wait)).ModelId);
        Assert.Equal(manifest.Models[0].Id, (await queued.WaitAsync(Wait)).ModelId);
    }

    [Fact]
    public async Task A_clip_refused_for_load_reaches_the_client_as_the_typed_exception_with_or_without_a_deadline()
    {
        await using var serving = await ServingCluster.StartAsync(new ServingOptions(hedgingEnabled: false, maxQueuedRequests: 1), 0);
        var manifest = await serving.ActivateAsync("busy-clips", models: 1);
        var gate = serving.Gates.Block("*", manifest.Models[0].Id);
        var clips = serving.Client.GetGrain<IClipGrain>(0);
        ClipTagRequest Request(string name, int? deadlineMs = null) => ClipTagRequest.FromBytes(name, TestFeaturizer.Clip(2), deadlineMs: deadlineMs);

        var running = clips.TagAsync(Request("running.wav"));
        await gate.Entered.WaitAsync(Wait);
        var second = clips.TagAsync(Request("second.wav"));
        var third = clips.TagAsync(Request("third.wav"));
        var refused = await Task.WhenAny(second, third).WaitAsync(Wait);
        var error = await Assert.ThrowsAsync<ModelOverloadedException>(() => refused);
        Assert.Contains("is overloaded", error.Message, StringComparison.Ordinal);
        var queued = refused == second ? third : second;
        Assert.False(queued.IsCompleted);

        // Still full: with a deadline the refusal is the answer too (overload, not "no model within the deadline").
        var late = await Assert.ThrowsAsync<ModelOverloadedException>(() => clips.TagAsync(Request("deadline.wav", deadlineMs: 600_000)).WaitAsync(Wait));
        Assert.Contains("deadline.wav: model grain", late.Message, StringComparison.Ordinal);

        gate.Release();
        Assert.False((await running.WaitAsync(Wait)).IsPartial);
        Assert.False((await queued.WaitAsync(Wait)).IsPartial);
    }
}
