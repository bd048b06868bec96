using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Ensemble.Grains.Abstractions.Clips;
using Ensemble.Grains.Abstractions.Telemetry;
using Ensemble.Grains.Tests.Fakes;

namespace Ensemble.Grains.Tests.Telemetry;

public sealed class ServingMetricsTests
{
    [Fact]
    public async Task Clip_latency_model_latency_and_batch_sizes_are_recorded()
    {
        var recorded = new ConcurrentDictionary<string, ConcurrentBag<double>>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == ServingTelemetry.MeterName)
                    l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => recorded.GetOrAdd(instrument.Name, _ => []).Add(value));
        listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => recorded.GetOrAdd(instrument.Name, _ => []).Add(value));
        listener.Start();

        await using var serving = await ServingCluster.StartAsync(0);
        var manifest = await serving.ActivateAsync("metrics", models: 2);
        await serving.Client.GetGrain<IClipGrain>(0).TagAsync(ClipTagRequest.FromBytes("metered.wav", TestFeaturizer.Clip(5)));

        Assert.NotEmpty(recorded["ensemble.clip.latency"]);
        Assert.True(recorded["ensemble.model.latency"].Count >= manifest.Models.Length);
        Assert.Contains(recorded["ensemble.model.batch_crops"], crops => crops >= manifest.TtaCrops);
        // +1 on enqueue, -1 on answer (other test classes run in parallel and share the meter, so no exact sum here).
        Assert.Contains(1.0, recorded["ensemble.model.queue_depth"]);
        Assert.Contains(-1.0, recorded["ensemble.model.queue_depth"]);
    }
}
