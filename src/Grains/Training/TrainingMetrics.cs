using System.Diagnostics.Metrics;
using Ensemble.Grains.Abstractions.Telemetry;
using Ensemble.Grains.Abstractions.Training;

namespace Ensemble.Grains.Training;

/// <summary>
/// The training instruments (<see cref="TrainingTelemetry.MeterName"/>), made through the host's
/// <see cref="IMeterFactory"/> as <see cref="Hosting.ServingMetrics"/> are. Epoch instruments are recorded by the
/// trainer that ran the epoch, job outcomes, errors and retries by the run's coordinator; all carry the device and
/// the model (<see cref="Tags"/>).
/// </summary>
public sealed class TrainingMetrics
{
    public TrainingMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
#pragma warning disable CA2000 // The meter factory owns the meters it creates and disposes them with the host.
        var meter = meters.Create(TrainingTelemetry.MeterName);
#pragma warning restore CA2000
        EpochDuration = meter.CreateHistogram<double>(TrainingTelemetry.EpochDurationInstrument, "s", "Wall time of one training epoch (train + validation)");
        SamplesPerSecond = meter.CreateHistogram<double>(TrainingTelemetry.SamplesPerSecondInstrument, "{sample}/s", "Training samples per second over one epoch");
        Jobs = meter.CreateCounter<long>(TrainingTelemetry.JobsInstrument, "{job}", "Training jobs by outcome: finished, failed, cancelled");
        Retries = meter.CreateCounter<long>(TrainingTelemetry.RetriesInstrument, "{retry}", "Jobs sent back to the queue after their trainer was lost");
        Errors = meter.CreateCounter<long>(TrainingTelemetry.ErrorsInstrument, "{error}", "Failed job attempts (transient or deterministic)");
    }

    public Histogram<double> EpochDuration { get; }
    public Histogram<double> SamplesPerSecond { get; }
    public Counter<long> Jobs { get; }
    public Counter<long> Retries { get; }
    public Counter<long> Errors { get; }

    /// <summary>Device and model; a job of no model (prepare, assemble) is tagged with its kind.</summary>
    public static KeyValuePair<string, object?>[] Tags(string device, string? model, TrainingJobKind kind) =>
        [new(TrainingTelemetry.DeviceTag, device), new(TrainingTelemetry.ModelTag, ModelOf(model, kind))];

    public static string ModelOf(string? model, TrainingJobKind kind) =>
        model ?? kind switch
        {
            TrainingJobKind.Prepare => "prepare",
            TrainingJobKind.Assemble => "assemble",
            _ => "stage",
        };

    /// <summary>Tags of a job on the trainer <paramref name="trainerKey"/> (see <see cref="TrainerKey"/>).</summary>
    public static KeyValuePair<string, object?>[] Tags(string trainerKey, TrainingJobStatus job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return Tags(TrainerKey.Parse(trainerKey).Device, job.Model, job.Kind);
    }

    public void RecordJob(string outcome, string trainerKey, TrainingJobStatus job) =>
        Jobs.Add(1, [.. Tags(trainerKey, job), new(TrainingTelemetry.OutcomeTag, outcome)]);
}
