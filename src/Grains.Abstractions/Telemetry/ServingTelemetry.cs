using System.Diagnostics;

namespace Ensemble.Grains.Abstractions.Telemetry;

/// <summary>
/// The serving path's spans and metrics: one trace per clip (client → clip grain → features → each model grain →
/// blend) and the names of the latency, batch-size and queue-depth instruments. Exporters subscribe to <see cref="SourceName"/>
/// and <see cref="MeterName"/>.
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
    // Instrument names: the instruments themselves live on the silo (Ensemble.Grains' ServingMetrics, made through the
    // host's IMeterFactory), so each host owns and disposes its meter.
    public const string ClipLatencyInstrument = "ensemble.clip.latency";
    public const string ModelLatencyInstrument = "ensemble.model.latency";
    public const string BatchCropsInstrument = "ensemble.model.batch_crops";
    public const string QueueDepthInstrument = "ensemble.model.queue_depth";
    public const string QueueTimeInstrument = "ensemble.model.queue_time";
    public const string ComputeTimeInstrument = "ensemble.model.compute_time";
    public const string ClipRequestsInstrument = "ensemble.clip.requests";

    /// <summary>The outcome of one clip request (<see cref="ClipRequestsInstrument"/>): one of the values below.</summary>
    public const string OutcomeTag = "ensemble.outcome";
    public const string SuccessOutcome = "success";
    public const string PartialOutcome = "partial";
    public const string FailureOutcome = "failure";
    public const string OverloadedOutcome = "overloaded";
}
