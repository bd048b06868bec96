using Ensemble.Grains.Abstractions.Telemetry;
using Ensemble.Grains.Abstractions.Training;
using Ensemble.Training.Recipes;
using Ensemble.Training.Runs;
using Microsoft.Extensions.Logging;
using Orleans.Placement;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace Ensemble.Grains.Training;

/// <summary>
/// Coordinates one run (key: run id; see <see cref="ITrainingCoordinatorGrain"/>). The job table is grain state; on
/// activation it is reconciled with the run folder (a stage whose folder says finished is finished), so a restarted
/// coordinator carries on. Leases are measured on <see cref="TrainingOptions.Clock"/>: each ready job goes to a free
/// trainer of the run's build with the next fencing token (persisted first); reports, commit checks and heartbeats
/// (pings of trainers whose silo is an active member) renew it; a lease that runs out sends the job back to the queue,
/// counted as a lost trainer, and the next trainer resumes it from its last finished epoch.
/// </summary>
// Placed on the silo that first calls it (the gateway a client submits through), so a run's coordinator does not
// share the fate of a random trainer silo.
[PreferLocalPlacement]
public sealed partial class TrainingCoordinatorGrain(
    [PersistentState(TrainingStorage.StateName, TrainingStorage.Name)] IPersistentState<CoordinatorState> persisted,
    TrainingOptions options,
    IClusterMembershipService membership,
    ISiloMetadataCache metadata,
    ILocalSiloDetails silo,
    TrainingMetrics metrics,
    ILogger<TrainingCoordinatorGrain> logger) : Grain, ITrainingCoordinatorGrain, IRemindable
{
    private IGrainTimer? _timer;

    private CoordinatorState State => persisted.State;
    private string RunId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (State.Submission is null)
            return;
        ReconcileWithRunFolder();
        await persisted.WriteStateAsync(cancellationToken);
        if (State.Phase == TrainingRunPhase.Running)
            StartTimer();
    }

    public async Task<TrainingRunStatus> SubmitAsync(TrainingRunSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        submission.Validate();
        if (submission.RunId != RunId)
            throw new ArgumentException($"submission for run '{submission.RunId}' sent to the coordinator of '{RunId}'", nameof(submission));
        if (State.Submission is { } known)
        {
            if (known != submission)
                throw new ArgumentException($"run '{RunId}' was submitted before with other settings (run folder {known.RunDirectory}); use another run id");
            return Status();
        }
        var recipe = RecipeJson.Parse(submission.RecipeJson, $"run {RunId}'s recipe");
        State.Submission = submission;
        State.Jobs = TrainingJobPlan.Create(recipe).ToList();
        State.Phase = TrainingRunPhase.Running;
        AddEvent(null, $"run {RunId}: {State.Jobs.Count} jobs ({recipe.Models.Count} model(s), {recipe.Folds} folds), run folder {submission.RunDirectory}");
        await persisted.WriteStateAsync();
        await GrainFactory.GetGrain<ITrainingRunIndexGrain>(ITrainingRunIndexGrain.SingletonKey).AddAsync(RunId);
        await this.RegisterOrUpdateReminder(TrainingStorage.ReminderName, TrainingStorage.ReminderPeriod, TrainingStorage.ReminderPeriod);
        StartTimer();
        await ScheduleAsync();
        return Status();
    }

    public Task<TrainingRunStatus> GetStatusAsync() => Task.FromResult(Status());

    public Task<IReadOnlyList<TrainingEvent>> GetEventsAsync(long afterSequence, int max)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterSequence);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        IReadOnlyList<TrainingEvent> events = State.Events.Where(e => e.Sequence > afterSequence).Take(max).ToArray();
        return Task.FromResult(events);
    }

    public async Task<TrainingRunStatus> CancelAsync()
    {
        if (State.Phase != TrainingRunPhase.Running)
            return Status();
        await StopAsync(TrainingRunPhase.Cancelled, null);
        AddEvent(null, $"run {RunId} cancelled");
        await persisted.WriteStateAsync();
        return Status();
    }

    public async Task<bool> ReportAsync(JobReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        report.Validate();
        var index = CurrentJob(report.Lease);
        if (index < 0)
        {
            LogStale(logger, report.Lease, report.Trainer, "report");
            return false;
        }
        var job = State.Jobs[index];
        State.Jobs[index] = report.CompletedEpoch is { } epoch
            ? job with
            {
                LeaseExpires = LeaseFromNow(), CompletedEpochs = Math.Max(job.CompletedEpochs, epoch),
                LastEpochSeconds = report.EpochSeconds, SamplesPerSecond = report.SamplesPerSecond,
            }
            : job with { LeaseExpires = LeaseFromNow() };
        foreach (var line in report.Lines)
            AddEvent(job.Id, line);
        await persisted.WriteStateAsync();
        return true;
    }

    public Task<bool> ConfirmLeaseAsync(JobLease lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        lease.Validate();
        var index = CurrentJob(lease);
        if (index < 0)
        {
            LogStale(logger, lease, "its trainer", "commit check");
            return Task.FromResult(false);
        }
        State.Jobs[index] = State.Jobs[index] with { LeaseExpires = LeaseFromNow() };
        return Task.FromResult(true);
    }

    public async Task JobEndedAsync(JobOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        outcome.Validate();
        var index = CurrentJob(outcome.Lease);
        if (index < 0)
        {
            LogStale(logger, outcome.Lease, outcome.Trainer, "outcome");
            return;
        }
        var job = State.Jobs[index];
        var released = job with { Trainer = null, LeaseExpires = null };
        switch (outcome.Failure)
        {
            case null:
                State.Jobs[index] = released with { State = TrainingJobState.Finished, CompletedEpochs = job.Epochs };
                metrics.RecordJob(TrainingTelemetry.FinishedOutcome, outcome.Trainer, job);
                AddEvent(job.Id, $"job {job.Id} finished on {outcome.Trainer}");
                if (job.Kind == TrainingJobKind.Prepare && outcome.Stages is { } stages)
                    SkipStagesNotIn(stages);
                if (job.Kind == TrainingJobKind.Assemble)
                {
                    State.ManifestPath = outcome.ManifestPath;
                    await StopAsync(TrainingRunPhase.Finished, null);
                    AddEvent(null, $"run {RunId} finished: manifest {outcome.ManifestPath}");
                }
                break;
            case JobFailureKind.Deterministic:
                State.Jobs[index] = released with { State = TrainingJobState.Failed, Errors = job.Errors + 1, LastError = outcome.Message };
                metrics.Errors.Add(1, TrainingMetrics.Tags(outcome.Trainer, job));
                metrics.RecordJob(TrainingTelemetry.FailedOutcome, outcome.Trainer, job);
                AddEvent(job.Id, $"job {job.Id} failed for good on {outcome.Trainer}: {outcome.Message}");
                await StopAsync(TrainingRunPhase.Failed, $"{job.Id}: {outcome.Message}");
                break;
            case JobFailureKind.Transient:
                var errors = job.Errors + 1;
                var failed = errors >= options.MaxErrors;
                State.Jobs[index] = released with { State = failed ? TrainingJobState.Failed : TrainingJobState.Waiting, Errors = errors, LastError = outcome.Message };
                AddEvent(job.Id, $"job {job.Id} error {errors} of {options.MaxErrors} on {outcome.Trainer}: {outcome.Message}");
                metrics.Errors.Add(1, TrainingMetrics.Tags(outcome.Trainer, job));
                if (failed)
                {
                    metrics.RecordJob(TrainingTelemetry.FailedOutcome, outcome.Trainer, job);
                    await StopAsync(TrainingRunPhase.Failed, $"{job.Id}: {errors} errors, the last: {outcome.Message}");
                }
                break;
            default:
                // The trainer gave the job up (its lease lapsed, or it was stopped): another trainer resumes it.
                var cancelled = State.Phase == TrainingRunPhase.Cancelled;
                State.Jobs[index] = released with
                {
                    State = cancelled ? TrainingJobState.Cancelled : TrainingJobState.Waiting,
                    LostTrainers = cancelled ? job.LostTrainers : job.LostTrainers + 1,
                };
                AddEvent(job.Id, $"job {job.Id} given up by {outcome.Trainer}: {outcome.Message}");
                if (!cancelled)
                    metrics.Retries.Add(1, TrainingMetrics.Tags(outcome.Trainer, job));
                break;
        }
        LogJobEnded(logger, outcome.Lease, outcome.Trainer, outcome.Failure);
        await persisted.WriteStateAsync();
        await ScheduleAsync();
    }

    public async Task<TrainingRunStatus> ReconcileAsync()
    {
        await CheckLeasesAsync();
        await ScheduleAsync();
        return Status();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (State.Phase == TrainingRunPhase.Running)
            await ReconcileAsync();
        else if (await this.GetReminder(reminderName) is { } reminder)
            await this.UnregisterReminder(reminder);
    }

    private async Task CheckLeasesAsync()
    {
        if (State.Phase != TrainingRunPhase.Running)
            return;
        var active = ActiveSilos();
        var changed = false;
        for (var i = 0; i < State.Jobs.Count; i++)
        {
            var job = State.Jobs[i];
            if (job.State != TrainingJobState.Running || job.Trainer is null)
                continue;
            var lease = new JobLease(RunId, job.Id, job.Token);
            if (active.Contains(TrainerKey.Parse(job.Trainer).Silo) && await PingAsync(job.Trainer, lease))
            {
                State.Jobs[i] = job with { LeaseExpires = LeaseFromNow() };
                continue;
            }
            var now = options.Clock.GetUtcNow();
            if (job.LeaseExpires is { } expires && now < expires)
                continue;
            State.Jobs[i] = job with { State = TrainingJobState.Waiting, Trainer = null, LeaseExpires = null, LostTrainers = job.LostTrainers + 1 };
            AddEvent(job.Id, $"job {job.Id}: trainer {job.Trainer} lost (lease expired {job.LeaseExpires:O}); it resumes elsewhere from epoch {job.CompletedEpochs}");
            LogTrainerLost(logger, lease, job.Trainer, job.CompletedEpochs);
            metrics.Retries.Add(1, TrainingMetrics.Tags(job.Trainer, job));
            changed = true;
        }
        if (changed)
            await persisted.WriteStateAsync();
    }

    private async Task<bool> PingAsync(string trainer, JobLease lease)
    {
        try
        {
            return await GrainFactory.GetGrain<ITrainerGrain>(trainer).PingAsync(lease).WaitAsync(options.CallTimeout, options.Clock);
        }
#pragma warning disable CA1031 // a trainer that cannot answer simply gets no renewal; its lease runs out
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogPingFailed(logger, e, lease, trainer);
            return false;
        }
    }

    private async Task ScheduleAsync()
    {
        if (State.Phase != TrainingRunPhase.Running || State.Submission is not { } run)
            return;
        var busy = State.Jobs.Where(j => j.State == TrainingJobState.Running && j.Trainer is not null).Select(j => j.Trainer!).ToHashSet(StringComparer.Ordinal);
        var free = Trainers(run.Build).Where(t => !busy.Contains(t)).ToList();
        for (var i = 0; i < State.Jobs.Count && free.Count > 0; i++)
        {
            var job = State.Jobs[i];
            if (job.State != TrainingJobState.Waiting || !job.DependsOn.All(Done))
                continue;
            while (free.Count > 0)
            {
                var trainer = free[0];
                free.RemoveAt(0);
                if (await AssignAsync(i, trainer, run))
                    break;
            }
        }
    }

    private async Task<bool> AssignAsync(int index, string trainer, TrainingRunSubmission run)
    {
        var job = State.Jobs[index];
        var token = ++State.LastToken;
        // The token is stored before any trainer sees it, so a restarted coordinator never hands it out twice.
        State.Jobs[index] = job with { State = TrainingJobState.Running, Token = token, Trainer = trainer, LeaseExpires = LeaseFromNow() };
        await persisted.WriteStateAsync();
        var lease = new JobLease(RunId, job.Id, token);
        JobAcceptance answer;
        try
        {
            answer = await GrainFactory.GetGrain<ITrainerGrain>(trainer).StartAsync(new TrainingJobAssignment(lease, job.Kind, job.Model, job.Fold, run))
                .WaitAsync(options.CallTimeout, options.Clock);
        }
#pragma warning disable CA1031 // an unreachable trainer just does not get the job
        catch (Exception e)
#pragma warning restore CA1031
        {
            answer = JobAcceptance.Refused($"{e.GetType().Name}: {e.Message}");
        }
        if (!answer.Accepted)
        {
            LogRefused(logger, lease, trainer, answer.Reason ?? "");
            State.Jobs[index] = State.Jobs[index] with { State = TrainingJobState.Waiting, Trainer = null, LeaseExpires = null };
            await persisted.WriteStateAsync();
            return false;
        }
        var resumed = job.Kind == TrainingJobKind.Stage && job.CompletedEpochs > 0 ? job.CompletedEpochs : (int?)null;
        if (resumed is { } from)
            State.Jobs[index] = State.Jobs[index] with { ResumedFromEpoch = from };
        AddEvent(job.Id, resumed is { } epoch
            ? $"job {job.Id} resumes on {trainer} from epoch {epoch} (token {token}, after {job.LostTrainers} lost trainer(s), {job.Errors} error(s))"
            : $"job {job.Id} starts on {trainer} (token {token})");
        LogAssigned(logger, lease, trainer, job.CompletedEpochs);
        await persisted.WriteStateAsync();
        return true;
    }

    /// <summary>Trainers of active silos that run the run's build, in a fixed order.</summary>
    private List<string> Trainers(string build)
    {
        var trainers = new List<string>();
        foreach (var member in membership.CurrentSnapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).OrderBy(m => m.SiloAddress.ToParsableString(), StringComparer.Ordinal))
        {
            var (devices, siloBuild) = TrainingMetadata.Read(metadata.GetSiloMetadata(member.SiloAddress));
            if (devices.Count == 0)
                continue;
            if (siloBuild != build)
            {
                LogBuildSkipped(logger, member.SiloAddress, siloBuild ?? "?", build);
                continue;
            }
            trainers.AddRange(devices.Select(d => TrainerKey.Format(member.SiloAddress.ToParsableString(), d)));
        }
        return trainers;
    }

    private HashSet<string> ActiveSilos() =>
        membership.CurrentSnapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress.ToParsableString()).ToHashSet(StringComparer.Ordinal);

    private bool Done(string jobId) =>
        State.Jobs.First(j => j.Id == jobId).State is TrainingJobState.Finished or TrainingJobState.Skipped;

    private int CurrentJob(JobLease lease) =>
        lease.RunId == RunId && State.Phase == TrainingRunPhase.Running
            ? State.Jobs.FindIndex(j => j.Id == lease.JobId && j.State == TrainingJobState.Running && j.Token == lease.Token
                && j.LeaseExpires is { } expires && options.Clock.GetUtcNow() < expires)
            : -1;

    private DateTimeOffset LeaseFromNow() => options.Clock.GetUtcNow() + options.Lease;

    private void SkipStagesNotIn(IReadOnlyList<string> stages)
    {
        for (var i = 0; i < State.Jobs.Count; i++)
        {
            var job = State.Jobs[i];
            if (job.Kind == TrainingJobKind.Stage && !stages.Contains(job.Id, StringComparer.Ordinal) && job.State == TrainingJobState.Waiting)
            {
                State.Jobs[i] = job with { State = TrainingJobState.Skipped };
                AddEvent(job.Id, $"job {job.Id} skipped: the prepared run has no such stage");
            }
        }
    }

    /// <summary>A stage whose folder says it finished is finished, whatever the table says (its report may have been lost).</summary>
    private void ReconcileWithRunFolder()
    {
        var run = State.Submission!;
        for (var i = 0; i < State.Jobs.Count; i++)
        {
            var job = State.Jobs[i];
            if (job.Kind != TrainingJobKind.Stage || job.IsDone)
                continue;
            var directory = Path.Combine(run.RunDirectory, TrainingJobPlan.StageOf(job).RelativeDirectory);
            int completed;
            try
            {
                completed = StageState.Load(directory).CompletedEpochs;
            }
            catch (InvalidDataException e)
            {
                LogUnreadableStage(logger, e, directory);
                continue;
            }
            if (StageTrainer.IsFinished(directory, job.Epochs) && job.State == TrainingJobState.Waiting)
            {
                State.Jobs[i] = job with { State = TrainingJobState.Finished, CompletedEpochs = job.Epochs };
                AddEvent(job.Id, $"job {job.Id} found finished in the run folder");
            }
            else if (completed != job.CompletedEpochs)
                State.Jobs[i] = job with { CompletedEpochs = completed };
        }
        AddEvent(null, $"coordinator of run {RunId} activated on {silo.SiloAddress}: {State.Jobs.Count(j => j.State == TrainingJobState.Finished)} of {State.Jobs.Count} jobs finished");
    }

    private async Task StopAsync(TrainingRunPhase phase, string? error)
    {
        State.Phase = phase;
        State.Error = error;
        for (var i = 0; i < State.Jobs.Count; i++)
        {
            var job = State.Jobs[i];
            if (job.State == TrainingJobState.Running && job.Trainer is not null)
            {
                try
                {
                    await GrainFactory.GetGrain<ITrainerGrain>(job.Trainer).CancelAsync(new JobLease(RunId, job.Id, job.Token)).WaitAsync(options.CallTimeout, options.Clock);
                }
#pragma warning disable CA1031 // a trainer that cannot be told loses its lease anyway and cannot commit
                catch (Exception e)
#pragma warning restore CA1031
                {
                    LogPingFailed(logger, e, new JobLease(RunId, job.Id, job.Token), job.Trainer);
                }
                metrics.RecordJob(TrainingTelemetry.CancelledOutcome, job.Trainer, job);
            }
            if (!job.IsDone)
                State.Jobs[i] = job with { State = TrainingJobState.Cancelled, Trainer = null, LeaseExpires = null };
        }
        _timer?.Dispose();
        _timer = null;
    }

    private void StartTimer() =>
        _timer ??= this.RegisterGrainTimer(_ => ReconcileAsync(), new GrainTimerCreationOptions(options.HeartbeatInterval, options.HeartbeatInterval) { KeepAlive = true });

    private void AddEvent(string? jobId, string text)
    {
        var sequence = State.Events.Count == 0 ? 1 : State.Events[^1].Sequence + 1;
        State.Events.Add(new TrainingEvent(sequence, options.Clock.GetUtcNow(), jobId, text));
        LogEvent(logger, RunId, text);
    }

    private TrainingRunStatus Status() =>
        new(RunId, State.Submission is null ? TrainingRunPhase.Unknown : State.Phase, State.Jobs.ToArray(), State.Submission?.RunDirectory,
            State.ManifestPath, State.Events.Count == 0 ? 0 : State.Events[^1].Sequence, silo.SiloAddress.ToParsableString(), State.Error);

    [LoggerMessage(Level = LogLevel.Information, Message = "run {RunId}: {Text}")]
    private static partial void LogEvent(ILogger logger, string runId, string text);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{What} for {Lease} from {Trainer} refused: stale token or lapsed lease")]
    private static partial void LogStale(ILogger logger, JobLease lease, string trainer, string what);

    [LoggerMessage(Level = LogLevel.Information, Message = "job {Lease} ended on {Trainer}: {Failure} (none: finished)")]
    private static partial void LogJobEnded(ILogger logger, JobLease lease, string trainer, JobFailureKind? failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "job {Lease}: trainer {Trainer} lost; resumes from epoch {Epoch}")]
    private static partial void LogTrainerLost(ILogger logger, JobLease lease, string trainer, int epoch);

    [LoggerMessage(Level = LogLevel.Information, Message = "job {Lease} assigned to {Trainer} (epochs done: {Epoch})")]
    private static partial void LogAssigned(ILogger logger, JobLease lease, string trainer, int epoch);

    [LoggerMessage(Level = LogLevel.Information, Message = "job {Lease}: trainer {Trainer} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, JobLease lease, string trainer, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "trainers of silo {Silo} run build {Build}, the run wants {RunBuild}: skipped")]
    private static partial void LogBuildSkipped(ILogger logger, SiloAddress silo, string build, string runBuild);

    [LoggerMessage(Level = LogLevel.Warning, Message = "trainer call for {Lease} to {Trainer} failed")]
    private static partial void LogPingFailed(ILogger logger, Exception error, JobLease lease, string trainer);

    [LoggerMessage(Level = LogLevel.Warning, Message = "stage folder {Directory}: unreadable state, left to its next trainer")]
    private static partial void LogUnreadableStage(ILogger logger, Exception error, string directory);
}
