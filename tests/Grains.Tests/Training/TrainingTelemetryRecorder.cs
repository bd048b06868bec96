using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Ensemble.Grains.Abstractions.Telemetry;
using Ensemble.Grains.Training;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Ensemble.Grains.Tests.Training;

/// <summary>
/// Listens to the training spans of one run and to the training instruments of one test cluster's silos only (other
/// tests' clusters run in the same process, each with its own meters).
/// </summary>
public sealed class TrainingTelemetryRecorder : IDisposable
{
    private readonly string _runId;
    private readonly ActivityListener _activities;
    private readonly MeterListener _meters = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<Activity>> _ended = new(StringComparer.Ordinal);

    public TrainingTelemetryRecorder(InProcessTestCluster cluster, string runId)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        _runId = runId;
        var meters = cluster.Silos.Select(s => s.ServiceProvider.GetRequiredService<TrainingMetrics>().EpochDuration.Meter).ToHashSet();
        _activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == TrainingTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = OnStopped,
        };
        ActivitySource.AddActivityListener(_activities);
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (meters.Contains(instrument.Meter))
                listener.EnableMeasurementEvents(instrument);
        };
        _meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meters.Start();
    }

    public ConcurrentQueue<(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags)> Measurements { get; } = new();

    /// <summary>The span of the first attempt of job <paramref name="jobId"/>, once it has ended.</summary>
    public Task<Activity> JobSpanAsync(string jobId) => Ended(jobId).Task;

    public IReadOnlyList<IReadOnlyDictionary<string, object?>> Tags(string instrument) =>
        Measurements.Where(m => m.Instrument == instrument).Select(m => m.Tags).ToArray();

    private TaskCompletionSource<Activity> Ended(string jobId) =>
        _ended.GetOrAdd(jobId, _ => new TaskCompletionSource<Activity>(TaskCreationOptions.RunContinuationsAsynchronously));

    private void OnStopped(Activity activity)
    {
        if (activity.GetTagItem(TrainingTelemetry.RunIdTag) as string == _runId && activity.GetTagItem(TrainingTelemetry.JobIdTag) is string job)
            Ended(job).TrySetResult(activity);
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in tags)
            copy[tag.Key] = tag.Value;
        Measurements.Enqueue((instrument.Name, value, copy));
    }

    public void Dispose()
    {
        _meters.Dispose();
        _activities.Dispose();
    }
}
