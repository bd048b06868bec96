using System.Collections.Concurrent;
using System.Diagnostics;
using Ensemble.Grains.Abstractions.Telemetry;
using Ensemble.Grains.Abstractions.Training;
using Ensemble.Training.Manifest;
using Ensemble.Training.Recipes;
using Ensemble.Training.Runs;
using Microsoft.Extensions.Logging;

namespace Ensemble.Grains.Training;

/// <summary>
/// One training device of this silo and its own thread (neither the grain scheduler nor the thread pool): it takes
/// one job at a time from its trainer grain, runs it (prepare, a stage, or the assembly), reports progress and every
/// finished epoch to the job's coordinator, asks its <see cref="LeaseGate"/> before every checkpoint, and reports how
/// the attempt ended. Grain calls return at once; only this thread waits on training. Each attempt is one
/// <see cref="TrainingTelemetry.JobSpan"/> with an event per epoch; epochs are recorded in <see cref="TrainingMetrics"/>.
/// </summary>
public sealed partial class TrainingDeviceWorker : IDisposable
{
    private readonly IGrainFactory _grains;
    private readonly TrainingOptions _options;
    private readonly ITrainerObserver _observer;
    private readonly TrainingMetrics _metrics;
    private readonly ILogger _logger;
    private readonly BlockingCollection<JobAttempt> _queue = new();
    private readonly JobProgress _progress = new();
    private readonly TrainingHost _host;
    private readonly Thread _thread;
    private readonly Lock _lock = new();
    private JobAttempt? _current;

    public TrainingDeviceWorker(string trainerKey, string device, TrainingOptions options, IGrainFactory grains, ITrainerObserver observer, TrainingMetrics metrics, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metrics);
        TrainerKey = trainerKey;
        Device = device;
        _options = options;
        _grains = grains;
        _observer = observer;
        _metrics = metrics;
        _logger = logger;
        // Resolves the device now: a silo offering a device its build or host lacks fails at start, not per job.
        _host = new TrainingHost(new TrainingHostOptions(device, options.Threads), _progress);
        _thread = new Thread(Loop) { IsBackground = true, Name = $"ensemble-train-{device}" };
        _thread.Start();
    }

    public string TrainerKey { get; }
    public string Device { get; }

    /// <summary>The lease of the job running now, if any.</summary>
    public JobLease? Current
    {
        get
        {
            lock (_lock)
                return _current?.Assignment.Lease;
        }
    }

    /// <summary>Queues the job on the device thread; null when taken, else why not.</summary>
    public string? TryStart(TrainingJobAssignment assignment)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        lock (_lock)
        {
            if (_current is { } busy)
                return $"trainer {TrainerKey} is busy with {busy.Assignment.Lease}";
            _current = new JobAttempt(assignment, new LeaseGate(_options.Clock, _options.Lease));
        }
        _queue.Add(_current);
        return null;
    }

    /// <summary>Heartbeat: true when this worker runs the job with this token; renews its lease.</summary>
    public bool Holds(JobLease lease)
    {
        lock (_lock)
        {
            if (_current is null || _current.Assignment.Lease != lease || _current.Gate.IsLost)
                return false;
            _current.Gate.Renew();
            return true;
        }
    }

    public void Cancel(JobLease lease)
    {
        lock (_lock)
        {
            if (_current is not null && _current.Assignment.Lease == lease)
                _current.Cancellation.Cancel();
        }
    }

    private void Loop()
    {
        foreach (var attempt in _queue.GetConsumingEnumerable())
        {
            var outcome = Execute(attempt);
            lock (_lock)
                _current = null;
            attempt.Dispose();
            Call(attempt.Assignment.Lease, c => c.JobEndedAsync(outcome));
        }
        // The thread owns these: Dispose only asks it to stop, as a job may still be finishing.
        _queue.Dispose();
        _progress.Dispose();
    }

    private JobOutcome Execute(JobAttempt attempt)
    {
        var assignment = attempt.Assignment;
        var lease = assignment.Lease;
        var run = assignment.Run;
        // The device thread has no ambient activity: each attempt is the root of its own trace.
        using var span = StartSpan(assignment);
        LogJobStarted(_logger, lease, TrainerKey);
        _progress.Attach(lines => Report(attempt, new JobReport(lease, TrainerKey, lines)));
        try
        {
            var token = attempt.Cancellation.Token;
            switch (assignment.Kind)
            {
                case TrainingJobKind.Prepare:
                    var recipe = RecipeJson.Parse(run.RecipeJson, $"run {run.RunId}'s recipe");
                    var prepared = TrainingRun.Prepare(recipe, new TrainOptions(run.DataDirectory, run.RunDirectory, run.CacheDirectory, run.SkipBadClips), _progress, token);
                    return new JobOutcome(lease, TrainerKey, null, null, Stages: prepared.Stages.Select(TrainingJobIds.Of).ToArray());
                case TrainingJobKind.Stage:
                    RunStage(attempt, new StageKey(assignment.Model!, assignment.Fold), span, token);
                    return new JobOutcome(lease, TrainerKey, null, null);
                default:
                    var opened = _host.Open(run.RunDirectory, token);
                    new RunAssembly(opened, _host, _progress).Assemble(token);
                    return new JobOutcome(lease, TrainerKey, null, null, ManifestPath: Path.Combine(opened.Directory, EnsembleManifest.FileName));
            }
        }
#pragma warning disable CA1031 // a job's error, whatever it is, becomes its outcome; the device thread must live on
        catch (Exception e)
#pragma warning restore CA1031
        {
            // A lost lease first (another trainer owns the job), then a cancellation (whatever it made the job throw:
            // a refused commit or an OperationCanceledException), then what the error itself says.
            var kind = attempt.Gate.IsLost ? JobFailureKind.LeaseLost
                : attempt.Cancellation.IsCancellationRequested ? JobFailureKind.Cancelled
                : JobFailures.Classify(e);
            LogJobFailed(_logger, e, lease, TrainerKey, kind);
            span?.SetTag(TrainingTelemetry.FailureTag, kind.ToString());
            span?.SetStatus(ActivityStatusCode.Error, e.Message);
            return new JobOutcome(lease, TrainerKey, kind, e.Message);
        }
        finally
        {
            _progress.Attach(null);
        }
    }

    private void RunStage(JobAttempt attempt, StageKey stage, Activity? span, CancellationToken token)
    {
        var lease = attempt.Assignment.Lease;
        var request = new TrainingStageRequest(attempt.Assignment.Run.RunDirectory, stage);
        var before = StageState.Load(Path.Combine(request.RunDirectory, stage.RelativeDirectory)).CompletedEpochs;
        if (before > 0)
        {
            span?.SetTag(TrainingTelemetry.ResumedFromEpochTag, before);
            Report(attempt, new JobReport(lease, TrainerKey, [$"[{stage}] job {lease.JobId} resumes from epoch {before} on {TrainerKey} (token {lease.Token})"]));
        }
        var batchSize = RecipeJson.Parse(attempt.Assignment.Run.RecipeJson, "recipe").Optimizer.BatchSize;
        var tags = TrainingMetrics.Tags(Device, stage.Model, TrainingJobKind.Stage);
        _host.RunStage(request,
            metrics =>
            {
                var samplesPerSecond = metrics.Seconds > 0 ? _progress.BatchesPerEpoch * batchSize / metrics.Seconds : 0;
                RecordEpoch(span, tags, metrics, samplesPerSecond);
                Report(attempt, new JobReport(lease, TrainerKey, [], metrics.Epoch, metrics.Seconds, samplesPerSecond));
            },
            epoch => MayCommit(attempt, epoch),
            token);
    }

    private Activity? StartSpan(TrainingJobAssignment assignment)
    {
        var span = TrainingTelemetry.Source.StartActivity(TrainingTelemetry.JobSpan, ActivityKind.Internal, parentContext: default);
        if (span is null)
            return null;
        var lease = assignment.Lease;
        span.SetTag(TrainingTelemetry.RunIdTag, lease.RunId);
        span.SetTag(TrainingTelemetry.JobIdTag, lease.JobId);
        span.SetTag(TrainingTelemetry.ModelTag, TrainingMetrics.ModelOf(assignment.Model, assignment.Kind));
        if (assignment.Fold is { } fold)
            span.SetTag(TrainingTelemetry.FoldTag, fold);
        span.SetTag(TrainingTelemetry.DeviceTag, Device);
        span.SetTag(TrainingTelemetry.TokenTag, lease.Token);
        return span;
    }

    /// <summary>One epoch, saved (or about to be): the span's event and the epoch instruments.</summary>
    private void RecordEpoch(Activity? span, KeyValuePair<string, object?>[] tags, EpochMetrics metrics, double samplesPerSecond)
    {
        _metrics.EpochDuration.Record(metrics.Seconds, tags);
        _metrics.SamplesPerSecond.Record(samplesPerSecond, tags);
        span?.AddEvent(new ActivityEvent(TrainingTelemetry.EpochEvent, tags: new ActivityTagsCollection
        {
            [TrainingTelemetry.EpochTag] = metrics.Epoch,
            [TrainingTelemetry.LossTag] = metrics.TrainLoss,
            [TrainingTelemetry.ValidationLwlrapTag] = metrics.ValidationLwlrap,
            [TrainingTelemetry.SecondsTag] = metrics.Seconds,
            [TrainingTelemetry.SamplesPerSecondTag] = samplesPerSecond,
        }));
    }

    private bool MayCommit(JobAttempt attempt, int epoch)
    {
        var lease = attempt.Assignment.Lease;
        _observer.BeforeCommit(lease, TrainerKey, epoch);
        // The lease first: a trainer cut off from its coordinator is refused for that, whatever else happened to it. A
        // cancelled job does not ask the coordinator (a cancelled run confirms no token) and is refused as cancelled.
        var cancelled = attempt.Cancellation.IsCancellationRequested;
        var refusal = attempt.Gate.Refusal(() => cancelled || Call(lease, c => c.ConfirmLeaseAsync(lease)))
            ?? (cancelled ? "the job was cancelled" : null);
        if (refusal is null)
            return true;
        LogCommitRefused(_logger, lease, TrainerKey, epoch, refusal);
        _observer.CommitRefused(lease, TrainerKey, epoch, refusal);
        return false;
    }

    private void Report(JobAttempt attempt, JobReport report)
    {
        if (attempt.Gate.IsLost)
            return;
        if (Call(report.Lease, c => c.ReportAsync(report)))
            attempt.Gate.Renew();
        else
        {
            attempt.Gate.MarkLost($"the coordinator refused a report for {report.Lease}: another trainer owns the job now");
            attempt.Cancellation.Cancel();
        }
    }

    /// <summary>A coordinator call from this thread, bounded by the call timeout; false (logged) when it fails.</summary>
    private bool Call(JobLease lease, Func<ITrainingCoordinatorGrain, Task<bool>> call)
    {
        try
        {
            return call(_grains.GetGrain<ITrainingCoordinatorGrain>(lease.RunId)).WaitAsync(_options.CallTimeout, _options.Clock).GetAwaiter().GetResult();
        }
#pragma warning disable CA1031 // an unreachable coordinator is an answer here (no renewal), not a crash of the device thread
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogCoordinatorUnreachable(_logger, e, lease, TrainerKey);
            return false;
        }
    }

    private void Call(JobLease lease, Func<ITrainingCoordinatorGrain, Task> call) =>
        Call(lease, async c =>
        {
            await call(c);
            return true;
        });

    /// <summary>Stops taking jobs and cancels the running one at its next epoch boundary; the thread ends after it.</summary>
    public void Dispose()
    {
        _queue.CompleteAdding();
        lock (_lock)
            _current?.Cancellation.Cancel();
    }

    private sealed class JobAttempt(TrainingJobAssignment assignment, LeaseGate gate) : IDisposable
    {
        public TrainingJobAssignment Assignment { get; } = assignment;
        public LeaseGate Gate { get; } = gate;
        public CancellationTokenSource Cancellation { get; } = new();

        public void Dispose() => Cancellation.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "job {Lease} starts on trainer {Trainer}")]
    private static partial void LogJobStarted(ILogger logger, JobLease lease, string trainer);

    [LoggerMessage(Level = LogLevel.Warning, Message = "job {Lease} on trainer {Trainer} ended with a {Kind} failure")]
    private static partial void LogJobFailed(ILogger logger, Exception error, JobLease lease, string trainer, JobFailureKind kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "job {Lease} on trainer {Trainer}: epoch {Epoch} not written: {Reason}")]
    private static partial void LogCommitRefused(ILogger logger, JobLease lease, string trainer, int epoch, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "job {Lease} on trainer {Trainer}: the coordinator call failed")]
    private static partial void LogCoordinatorUnreachable(ILogger logger, Exception error, JobLease lease, string trainer);
}
