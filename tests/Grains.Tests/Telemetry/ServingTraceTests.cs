using System.Diagnostics;
using Ensemble.Grains.Abstractions.Clips;
using Ensemble.Grains.Abstractions.Telemetry;
using Ensemble.Grains.Tests.Fakes;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Ensemble.Grains.Tests.Telemetry;

public sealed class ServingTraceTests
{
    [Fact]
    public async Task One_clip_is_one_trace_client_clip_features_models_blend()
    {
        var spans = new List<Activity>();
        using var tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource(ServingTelemetry.SourceName, "Microsoft.Orleans.Application")
            .AddInMemoryExporter(spans)
            .Build();
        await using var serving = await ServingCluster.StartAsync(0, 2);
        var manifest = await serving.ActivateAsync("traced", models: 3);

        ActivityTraceId traceId;
        using (var root = ServingTelemetry.Source.StartActivity(ServingTelemetry.ClientSpan))
        {
            Assert.NotNull(root);
            traceId = root.TraceId;
            await serving.Client.GetGrain<IClipGrain>(0).TagAsync(ClipTagRequest.FromBytes("traced.wav", TestFeaturizer.Clip(1)));
        }
        tracing.ForceFlush();

        Activity[] trace;
        lock (spans)
            trace = spans.Where(s => s.TraceId == traceId).ToArray();
        var byId = trace.ToDictionary(s => s.SpanId);
        Activity? Parent(Activity span) => byId.GetValueOrDefault(span.ParentSpanId);
        bool Under(Activity span, Activity ancestor)
        {
            for (var p = Parent(span); p is not null; p = Parent(p))
            {
                if (p.SpanId == ancestor.SpanId)
                    return true;
            }
            return false;
        }

        var client = Assert.Single(trace, s => s.OperationName == ServingTelemetry.ClientSpan);
        var clip = Assert.Single(trace, s => s.OperationName == ServingTelemetry.ClipSpan);
        Assert.True(Under(clip, client));
        Assert.Equal(clip.SpanId, Assert.Single(trace, s => s.OperationName == ServingTelemetry.FeaturesSpan).ParentSpanId);
        Assert.Equal(clip.SpanId, Assert.Single(trace, s => s.OperationName == ServingTelemetry.BlendSpan).ParentSpanId);
        var calls = trace.Where(s => s.OperationName == ServingTelemetry.ModelCallSpan).ToArray();
        Assert.Equal(manifest.Models.Select(m => m.Id).Order(), calls.Select(c => (string)c.GetTagItem(ServingTelemetry.ModelIdTag)!).Order());
        Assert.All(calls, c => Assert.Equal(clip.SpanId, c.ParentSpanId));
        foreach (var infer in trace.Where(s => s.OperationName == ServingTelemetry.ModelInferSpan))
        {
            var model = (string)infer.GetTagItem(ServingTelemetry.ModelIdTag)!;
            Assert.Contains(calls, c => (string)c.GetTagItem(ServingTelemetry.ModelIdTag)! == model && Under(infer, c));
            Assert.StartsWith("sim-cuda:", (string)infer.GetTagItem(ServingTelemetry.DeviceTag)!);
            Assert.True((int)infer.GetTagItem(ServingTelemetry.BatchCropsTag)! >= manifest.Audio.TestTtaCrops);
            Assert.NotNull(infer.GetTagItem(ServingTelemetry.QueueWaitTag));
        }
        Assert.True(trace.Count(s => s.OperationName == ServingTelemetry.ModelInferSpan) >= manifest.Models.Length);
    }
}
