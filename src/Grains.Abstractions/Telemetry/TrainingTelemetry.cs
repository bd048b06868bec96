using System.Diagnostics;

namespace Ensemble.Grains.Abstractions.Telemetry;

/// <summary>
/// Training's spans and metrics: one span per job attempt on a trainer (<see cref="JobSpan"/>) with an event per
/// epoch (<see cref="EpochEvent"/>), and the names of the epoch, throughput and job-outcome instruments. Exporters
/// subscribe to <see cref="SourceName"/> and <see cref="MeterName"/>.
/// </summary>
public static class TrainingTelemetry
{
    public const string SourceName = "Ensemble.Training";
    public const string MeterName = "Ensemble.Training";

    public const string JobSpan = "ensemble.training.job";
    public const string EpochEvent = "ensemble.training.epoch";

    public const string RunIdTag = "ensemble.training.run_id";
    public const string JobIdTag = "ensemble.training.job_id";
    public const string ModelTag = "ensemble.training.model";
    public const string FoldTag = "ensemble.training.fold";
    public const string DeviceTag = "ensemble.device";
    public const string TokenTag = "ensemble.training.token";
    public const string ResumedFromEpochTag = "ensemble.training.resumed_from_epoch";
    public const string EpochTag = "ensemble.training.epoch";
    public const string LossTag = "ensemble.training.loss";
    public const string ValidationLwlrapTag = "ensemble.training.val_lwlrap";
    public const string SecondsTag = "ensemble.training.seconds";
    public const string SamplesPerSecondTag = "ensemble.training.samples_per_second";
    /// <summary>How the attempt ended on its trainer: none (finished) or a <see cref="Ensemble.Grains.Abstractions.Training.JobFailureKind"/>.</summary>
    public const string FailureTag = "ensemble.training.failure";

    public static ActivitySource Source { get; } = new(SourceName);

    // Instrument names: the instruments live on the silo (Ensemble.Grains' TrainingMetrics, made through the host's
    // IMeterFactory), so each host owns and disposes its meter.
    public const string EpochDurationInstrument = "ensemble.training.epoch.duration";
    public const string SamplesPerSecondInstrument = "ensemble.training.samples_per_second";
    public const string JobsInstrument = "ensemble.training.jobs";
    public const string RetriesInstrument = "ensemble.training.job.retries";
    public const string ErrorsInstrument = "ensemble.training.job.errors";

    /// <summary>How a job ended (<see cref="JobsInstrument"/>): one of the values below.</summary>
    public const string OutcomeTag = "ensemble.outcome";
    public const string FinishedOutcome = "finished";
    public const string FailedOutcome = "failed";
    public const string CancelledOutcome = "cancelled";
}
