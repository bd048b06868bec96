using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Ensemble.Grains.Abstractions.Telemetry;
using MathNet.Numerics.Statistics;

namespace Ensemble.Cli.Serving;

/// <summary>
/// Records the serving spans of this process (client → clip → features → model call/inference → blend) and
/// summarises them per span name: the latency breakdown `demo` prints, read from the traces themselves.
/// </summary>
internal sealed class ServingTraceRecorder : IDisposable
{
    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly ActivityListener _listener;

    public ServingTraceRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ServingTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public IReadOnlyCollection<Activity> Spans => _spans;

    /// <summary>Span name, count, p50/mean/max duration; for model inference also mean batch crops and queue wait.</summary>
    public void WriteBreakdown(TextWriter output)
    {
        output.WriteLine("| span | count | p50 ms | mean ms | max ms | notes |");
        output.WriteLine("| --- | ---: | ---: | ---: | ---: | --- |");
        string[] order = [ServingTelemetry.ClientSpan, ServingTelemetry.ClipSpan, ServingTelemetry.FeaturesSpan, ServingTelemetry.ModelCallSpan, ServingTelemetry.ModelInferSpan, ServingTelemetry.BlendSpan];
        foreach (var group in _spans.GroupBy(s => s.OperationName).OrderBy(g => Array.IndexOf(order, g.Key) is var i && i < 0 ? int.MaxValue : i))
        {
            var ms = group.Select(s => s.Duration.TotalMilliseconds).Order().ToArray();
            var notes = group.Key == ServingTelemetry.ModelInferSpan
                ? string.Create(CultureInfo.InvariantCulture, $"mean batch {Mean(group, ServingTelemetry.BatchCropsTag):F1} crops, mean queue wait {Mean(group, ServingTelemetry.QueueWaitTag):F1} ms")
                : "";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {group.Key} | {ms.Length} | {SortedArrayStatistics.Median(ms):F1} | {ms.Average():F1} | {ms[^1]:F1} | {notes} |"));
        }
    }

    private static double Mean(IEnumerable<Activity> spans, string tag)
    {
        var values = spans.Select(s => s.GetTagItem(tag)).Where(v => v is not null).Select(v => Convert.ToDouble(v, CultureInfo.InvariantCulture)).ToArray();
        return values.Length == 0 ? double.NaN : values.Average();
    }

    public void Dispose() => _listener.Dispose();
}
