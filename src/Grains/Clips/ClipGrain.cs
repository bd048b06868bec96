using System.Diagnostics;
using Ensemble.Grains.Abstractions.Clips;
using Ensemble.Grains.Abstractions.Manifests;
using Ensemble.Grains.Abstractions.Models;
using Ensemble.Grains.Abstractions.Registry;
using Ensemble.Grains.Hosting;
using Ensemble.Grains.Abstractions.Telemetry;
using Ensemble.Models.Inference;
using Orleans.Concurrency;

namespace Ensemble.Grains.Clips;

/// <summary>
/// Tags one clip: crops once, every model in parallel, blend. A slow model is hedged to its replica (another silo);
/// a deadline answers with the models that made it, marked partial.
/// </summary>
[StatelessWorker, Reentrant]
public sealed class ClipGrain(IClipFeaturizer featurizer, ServingOptions options, TimeProvider time, ServingMetrics metrics) : Grain, IClipGrain
{
    public async Task<ClipTagResult> TagAsync(ClipTagRequest request)
    {
        try
        {
            var result = await TagOnceAsync(request);
            metrics.RecordClipOutcome(result.IsPartial ? ServingTelemetry.PartialOutcome : ServingTelemetry.SuccessOutcome);
            return result;
        }
        catch (ModelOverloadedException)
        {
            metrics.RecordClipOutcome(ServingTelemetry.OverloadedOutcome);
            throw;
        }
        catch
        {
            metrics.RecordClipOutcome(ServingTelemetry.FailureOutcome);
            throw;
        }
    }

    private async Task<ClipTagResult> TagOnceAsync(ClipTagRequest request)
    {
        request.Validate();
        var started = time.GetTimestamp();
        using var span = ServingTelemetry.Source.StartActivity(ServingTelemetry.ClipSpan);
        span?.SetTag(ServingTelemetry.ClipTag, request.ClipName);
        var manifest = await GrainFactory.GetGrain<IRegistryGrain>(IRegistryGrain.SingletonKey).GetActiveAsync();

        ModelInferenceRequest modelRequest;
        using (ServingTelemetry.Source.StartActivity(ServingTelemetry.FeaturesSpan))
        {
            // Decoding and the STFT are CPU work: keep them off the grain scheduler.
            var crops = await Task.Run(() => featurizer.Featurize(request, manifest));
            crops.Validate(request.ClipName);
            modelRequest = ModelInferenceRequest.FromFloats(crops.Values, crops.CropCount, crops.MelBands, crops.Frames, crops.Weights);
        }
        var featureMs = time.GetElapsedTime(started).TotalMilliseconds;

        var calls = manifest.Models.Select(m => CallModelAsync(manifest.Version, m.Id, modelRequest)).ToArray();
        var all = Task.WhenAll(calls);
        if (request.DeadlineMs is { } deadlineMs)
        {
            var remaining = TimeSpan.FromMilliseconds(deadlineMs) - time.GetElapsedTime(started);
            using var cancel = new CancellationTokenSource();
            if (remaining > TimeSpan.Zero)
                await Task.WhenAny(all, Task.Delay(remaining, time, cancel.Token));
            await cancel.CancelAsync();
        }
        else
        {
            await all; // without a deadline a failing model fails the request: no silent partial blends
        }

        var answered = new List<(ServedModel Model, ModelCallOutcome Outcome)>();
        var missing = new List<MissingModel>();
        for (var i = 0; i < calls.Length; i++)
        {
            if (calls[i].IsCompletedSuccessfully)
                answered.Add((manifest.Models[i], calls[i].Result));
            else if (calls[i].Exception?.GetBaseException() is { } failure)
                missing.Add(new MissingModel(manifest.Models[i].Id, MissingReason.Failed, $"{failure.GetType().Name}: {failure.Message}"));
            else
                missing.Add(new MissingModel(manifest.Models[i].Id, MissingReason.Late, $"no answer within the {request.DeadlineMs} ms deadline"));
        }
        // Every model refused or late with some refusing for load: overload is the answer, not a deadline miss.
        if (answered.Count == 0 && calls.Select(c => c.Exception?.GetBaseException()).OfType<ModelOverloadedException>().FirstOrDefault() is { } overload)
            throw new ModelOverloadedException($"{request.ClipName}: {overload.Message}", overload);
        if (answered.Count == 0)
            throw new TimeoutException($"{request.ClipName}: no model answered within the {request.DeadlineMs} ms deadline");

        float[] scores;
        using (ServingTelemetry.Source.StartActivity(ServingTelemetry.BlendSpan))
            scores = WeightedBlend.Apply(answered.Select(a => a.Outcome.Result.Probabilities).ToArray(), answered.Select(a => a.Model.Weight).ToArray());
        var total = time.GetElapsedTime(started).TotalMilliseconds;
        span?.SetTag(ServingTelemetry.PartialTag, missing.Count > 0);
        metrics.ClipLatency.Record(total);
        var timings = answered.Select(a => new ModelTiming(a.Model.Id, a.Outcome.Result.Device, a.Outcome.Result.Silo, a.Outcome.Result.BatchCrops,
            a.Outcome.Result.QueueWaitMs, a.Outcome.Result.InferenceMs, a.Outcome.RoundTripMs, a.Outcome.Hedged)).ToArray();
        return new ClipTagResult(request.ClipName, manifest.Version, scores, TopLabels.Select(scores, manifest.Labels, request.TopK),
            timings, missing.Count > 0, missing.ToArray(), featureMs, total);
    }

    private async Task<ModelCallOutcome> CallModelAsync(string version, string modelId, ModelInferenceRequest request)
    {
        using var span = ServingTelemetry.Source.StartActivity(ServingTelemetry.ModelCallSpan);
        span?.SetTag(ServingTelemetry.ModelIdTag, modelId);
        var started = time.GetTimestamp();
        var primary = GrainFactory.GetGrain<IModelGrain>(ModelGrainKey.Format(version, modelId, 0)).InferAsync(request);
        var hedged = false;
        ModelInferenceResult result;
        if (options.HedgeAfter is not { } hedgeAfter)
        {
            result = await primary;
        }
        else
        {
            using var cancel = new CancellationTokenSource();
            await Task.WhenAny(primary, Task.Delay(hedgeAfter, time, cancel.Token));
            await cancel.CancelAsync();
            if (primary.IsCompletedSuccessfully)
            {
                result = primary.Result;
            }
            else
            {
                // Slow or failed (its silo died): ask the replica, which the placement put on another silo.
                var hedge = GrainFactory.GetGrain<IModelGrain>(ModelGrainKey.Format(version, modelId, 1)).InferAsync(request);
                if (primary.IsCompleted)
                {
                    hedged = true;
                    result = await hedge;
                }
                else
                {
                    var first = await Task.WhenAny(primary, hedge);
                    var other = first == primary ? hedge : primary;
                    hedged = first.IsCompletedSuccessfully ? first == hedge : other == hedge;
                    result = first.IsCompletedSuccessfully ? first.Result : await other;
                }
            }
        }
        span?.SetTag(ServingTelemetry.DeviceTag, result.Device);
        span?.SetTag(ServingTelemetry.BatchCropsTag, result.BatchCrops);
        span?.SetTag(ServingTelemetry.QueueWaitTag, result.QueueWaitMs);
        span?.SetTag(ServingTelemetry.HedgedTag, hedged);
        return new ModelCallOutcome(result, time.GetElapsedTime(started).TotalMilliseconds, hedged);
    }
}
