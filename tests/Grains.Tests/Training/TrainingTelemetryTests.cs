using Ensemble.Grains.Abstractions.Telemetry;
using Ensemble.Grains.Abstractions.Training;
using Ensemble.Training.Tests.TestSupport;

namespace Ensemble.Grains.Tests.Training;

/// <summary>The tiny recipe on one training silo: the pretrain job's span, its epoch event, and the training instruments.</summary>
public sealed class TrainingTelemetryTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task A_training_job_records_its_span_its_epochs_and_its_outcome()
    {
        using var data = TinyData.Dataset();
        using var work = new TempFolder();
        await using var training = await TrainingCluster.StartAsync(TrainingCluster.Build);
        using var recorder = new TrainingTelemetryRecorder(training.Cluster, "telemetry");
        await training.SubmitTinyAsync("telemetry", data.Path, work.Path);

        var span = await recorder.JobSpanAsync("cnn/pretrain").WaitAsync(Limit);
        var status = await training.WaitForAsync("telemetry", s => s.Jobs.Single(j => j.Id == "cnn/pretrain").State == TrainingJobState.Finished, Limit);
        var pretrain = status.Jobs.Single(j => j.Id == "cnn/pretrain");
        Assert.Equal(TrainingTelemetry.JobSpan, span.OperationName);
        Assert.Equal(("telemetry", "cnn", "cpu", pretrain.Token), (span.GetTagItem(TrainingTelemetry.RunIdTag), span.GetTagItem(TrainingTelemetry.ModelTag),
            span.GetTagItem(TrainingTelemetry.DeviceTag), span.GetTagItem(TrainingTelemetry.TokenTag)));
        Assert.Null(span.GetTagItem(TrainingTelemetry.ResumedFromEpochTag)); // a first attempt resumes nothing
        Assert.Null(span.GetTagItem(TrainingTelemetry.FailureTag));
        var epoch = Assert.Single(span.Events);
        Assert.Equal(TrainingTelemetry.EpochEvent, epoch.Name);
        var epochTags = epoch.Tags.ToDictionary(t => t.Key, t => t.Value);
        Assert.Equal(1, epochTags[TrainingTelemetry.EpochTag]);
        Assert.True((double)epochTags[TrainingTelemetry.SecondsTag]! > 0);
        Assert.True((double)epochTags[TrainingTelemetry.SamplesPerSecondTag]! > 0);
        Assert.True(double.IsFinite((double)epochTags[TrainingTelemetry.LossTag]!));

        var durations = recorder.Measurements.Where(m => m.Instrument == TrainingTelemetry.EpochDurationInstrument).ToArray();
        Assert.Contains(durations, m => m.Value > 0 && Equals(m.Tags[TrainingTelemetry.DeviceTag], "cpu") && Equals(m.Tags[TrainingTelemetry.ModelTag], "cnn"));
        Assert.Contains(recorder.Tags(TrainingTelemetry.SamplesPerSecondInstrument), t => Equals(t[TrainingTelemetry.DeviceTag], "cpu"));
        var jobs = recorder.Tags(TrainingTelemetry.JobsInstrument);
        Assert.Contains(jobs, t => Equals(t[TrainingTelemetry.OutcomeTag], TrainingTelemetry.FinishedOutcome) && Equals(t[TrainingTelemetry.ModelTag], "prepare"));
        Assert.Contains(jobs, t => Equals(t[TrainingTelemetry.OutcomeTag], TrainingTelemetry.FinishedOutcome) && Equals(t[TrainingTelemetry.ModelTag], "cnn")
            && Equals(t[TrainingTelemetry.DeviceTag], "cpu"));
        Assert.Empty(recorder.Tags(TrainingTelemetry.ErrorsInstrument));
        Assert.Empty(recorder.Tags(TrainingTelemetry.RetriesInstrument));

        await training.Coordinator("telemetry").CancelAsync(); // the rest of the run is not needed here
    }
}
