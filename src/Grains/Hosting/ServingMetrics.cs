using System.Diagnostics.Metrics;
using Ensemble.Grains.Abstractions.Telemetry;

namespace Ensemble.Grains.Hosting;

/// <summary>
/// The serving instruments (<see cref="ServingTelemetry.MeterName"/>), made through the host's
/// <see cref="IMeterFactory"/>: one meter per silo host, disposed with it, and no process-wide meter shared by every
/// silo and test in the process. Model instruments carry the model id and the device (<see cref="ModelTags"/>).
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
        ClipRequests = meter.CreateCounter<long>(ServingTelemetry.ClipRequestsInstrument, "{request}", "Clip requests by outcome: success, partial, failure, overloaded");
        ModelLatency = meter.CreateHistogram<double>(ServingTelemetry.ModelLatencyInstrument, "ms", "Queue wait + forward pass of one model for one clip");
        QueueTime = meter.CreateHistogram<double>(ServingTelemetry.QueueTimeInstrument, "ms", "Time one clip's crops waited in a model's batcher");
        ComputeTime = meter.CreateHistogram<double>(ServingTelemetry.ComputeTimeInstrument, "ms", "Forward pass of the batch one clip's crops ran in");
        BatchCrops = meter.CreateHistogram<int>(ServingTelemetry.BatchCropsInstrument, "{crop}", "Crops per forward pass (dynamic batching)");
        QueueDepth = meter.CreateUpDownCounter<int>(ServingTelemetry.QueueDepthInstrument, "{request}", "Requests waiting in model batchers");
    }

    public Histogram<double> ClipLatency { get; }
    public Counter<long> ClipRequests { get; }
    public Histogram<double> ModelLatency { get; }
    public Histogram<double> QueueTime { get; }
    public Histogram<double> ComputeTime { get; }
    public Histogram<int> BatchCrops { get; }
    public UpDownCounter<int> QueueDepth { get; }

    public static KeyValuePair<string, object?>[] ModelTags(string modelId, string device) =>
        [new(ServingTelemetry.ModelIdTag, modelId), new(ServingTelemetry.DeviceTag, device)];

    public void RecordClipOutcome(string outcome) => ClipRequests.Add(1, new KeyValuePair<string, object?>(ServingTelemetry.OutcomeTag, outcome));
}
