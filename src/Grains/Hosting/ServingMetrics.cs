using System.Diagnostics.Metrics;
using Ensemble.Grains.Abstractions.Telemetry;

namespace Ensemble.Grains.Hosting;

/// <summary>
/// The serving instruments (<see cref="ServingTelemetry.MeterName"/>), made through the host's
/// <see cref="IMeterFactory"/>: one meter per silo host, disposed with it, and no process-wide meter shared by every
/// silo and test in the process.
/// </summary>
public sealed class ServingMetrics
{
    public ServingMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
#pragma warning disable CA2000 // The meter factory owns the meters it creates and disposes them with the host.
        var meter = meters.Create(ServingTelemetry.MeterName);
#pragma warning restore CA2000
        ClipLatency = meter.CreateHistogram<double>(ServingTelemetry.ClipLatencyInstrument, "ms", "Time to tag one clip in the clip grain");
        ModelLatency = meter.CreateHistogram<double>(ServingTelemetry.ModelLatencyInstrument, "ms", "Queue wait + forward pass of one model for one clip");
        BatchCrops = meter.CreateHistogram<int>(ServingTelemetry.BatchCropsInstrument, "crops", "Crops per forward pass (dynamic batching)");
        QueueDepth = meter.CreateUpDownCounter<int>(ServingTelemetry.QueueDepthInstrument, "requests", "Requests waiting in model batchers");
    }

    public Histogram<double> ClipLatency { get; }
    public Histogram<double> ModelLatency { get; }
    public Histogram<int> BatchCrops { get; }
    public UpDownCounter<int> QueueDepth { get; }
}
