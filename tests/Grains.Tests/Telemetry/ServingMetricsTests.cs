using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Ensemble.Grains.Abstractions.Clips;
using Ensemble.Grains.Abstractions.Telemetry;
using Ensemble.Grains.Hosting;
using Ensemble.Grains.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

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
        var outcomes = new ConcurrentBag<string?>();
        listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == ServingTelemetry.OutcomeTag)
                    outcomes.Add(tag.Value as string);
            }
        });
        listener.Start();

        await using var serving = await ServingCluster.StartAsync(0);
        var manifest = await serving.ActivateAsync("metrics", models: 2);
        await serving.Client.GetGrain<IClipGrain>(0).TagAsync(ClipTagRequest.FromBytes("metered.wav", TestFeaturizer.Clip(5)));

        Assert.NotEmpty(recorded["ensemble.clip.latency"]);
        Assert.True(recorded["ensemble.model.latency"].Count >= manifest.Models.Length);
        Assert.Contains(recorded["ensemble.model.batch_crops"], crops => crops >= manifest.Audio.TestTtaCrops);
        Assert.True(recorded["ensemble.model.queue_time"].Count >= manifest.Models.Length);
        Assert.True(recorded["ensemble.model.compute_time"].Count >= manifest.Models.Length);
        Assert.Contains(ServingTelemetry.SuccessOutcome, outcomes);
        // +1 on enqueue, -1 on answer (other test classes run silos in parallel whose meters share the name, so no exact sum here).
        Assert.Contains(1.0, recorded["ensemble.model.queue_depth"]);
        Assert.Contains(-1.0, recorded["ensemble.model.queue_depth"]);
    }

    [Fact]
    public void Each_host_makes_its_own_meter_and_disposing_the_host_ends_it()
    {
        using var first = new ServiceCollection().AddMetrics().AddSingleton<ServingMetrics>().BuildServiceProvider();
        var second = new ServiceCollection().AddMetrics().AddSingleton<ServingMetrics>().BuildServiceProvider();
        var a = first.GetRequiredService<ServingMetrics>();
        var b = second.GetRequiredService<ServingMetrics>();
        Assert.NotSame(a.ClipLatency.Meter, b.ClipLatency.Meter);
        Assert.Equal(ServingTelemetry.MeterName, b.ClipLatency.Meter.Name);

        var recorded = new ConcurrentBag<double>();
        var completed = new ConcurrentBag<string>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter == b.ClipLatency.Meter)
                    l.EnableMeasurementEvents(instrument);
            },
            MeasurementsCompleted = (instrument, _) => completed.Add(instrument.Name),
        };
        listener.SetMeasurementEventCallback<double>((_, value, _, _) => recorded.Add(value));
        listener.Start();
        b.ClipLatency.Record(12.5);
        a.ClipLatency.Record(99);
        Assert.Equal([12.5], recorded);

        second.Dispose();
        Assert.Contains(ServingTelemetry.ClipLatencyInstrument, completed);
        Assert.Contains(ServingTelemetry.QueueDepthInstrument, completed);
    }
}
