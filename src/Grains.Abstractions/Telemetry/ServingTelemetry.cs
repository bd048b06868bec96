using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Ensemble.Grains.Abstractions.Telemetry;

/// <summary>
/// The serving path's spans and metrics: one trace per clip (client → clip grain → features → each model grain →
/// blend) and the latency, batch-size and queue-depth instruments. Exporters subscribe to <see cref="SourceName"/>.
/// </summary>
public static class ServingTelemetry
{
    public const string SourceName = "Ensemble.Serving";
    public const string MeterName = "Ensemble.Serving";

    public const string ClientSpan = "ensemble.client.tag";
    public const string ClipSpan = "ensemble.clip";
    public const string FeaturesSpan = "ensemble.features";
    public const string ModelCallSpan = "ensemble.model.call";
    public const string ModelInferSpan = "ensemble.model.infer";
    public const string BlendSpan = "ensemble.blend";

    public const string ModelIdTag = "ensemble.model.id";
    public const string DeviceTag = "ensemble.device";
    public const string BatchCropsTag = "ensemble.batch.crops";
    public const string QueueWaitTag = "ensemble.queue_wait_ms";
    public const string HedgedTag = "ensemble.hedged";
    public const string ClipTag = "ensemble.clip";
    public const string PartialTag = "ensemble.partial";

    public static ActivitySource Source { get; } = new(SourceName);
    public static Meter Meter { get; } = new(MeterName);

    public static Histogram<double> ClipLatency { get; } =
        Meter.CreateHistogram<double>("ensemble.clip.latency", "ms", "Time to tag one clip in the clip grain");
    public static Histogram<double> ModelLatency { get; } =
        Meter.CreateHistogram<double>("ensemble.model.latency", "ms", "Queue wait + forward pass of one model for one clip");
    public static Histogram<int> BatchCrops { get; } =
        Meter.CreateHistogram<int>("ensemble.model.batch_crops", "crops", "Crops per forward pass (dynamic batching)");
    public static UpDownCounter<int> QueueDepth { get; } =
        Meter.CreateUpDownCounter<int>("ensemble.model.queue_depth", "requests", "Requests waiting in model batchers");
}
