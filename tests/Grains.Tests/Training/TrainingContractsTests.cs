using Ensemble.Grains.Abstractions.Training;
using Ensemble.Grains.Placement;
using Ensemble.Grains.Training;
using Ensemble.Training.Runs;
using Ensemble.Training.Tests.TestSupport;

namespace Ensemble.Grains.Tests.Training;

public sealed class TrainingContractsTests
{
    [Fact]
    public void The_recipe_becomes_prepare_pretraining_folds_after_it_and_assemble()
    {
        var jobs = TrainingJobPlan.Create(TinyData.Recipe());
        Assert.Equal(["prepare", "cnn/pretrain", "cnn/fold-0", "cnn/fold-1", "assemble"], jobs.Select(j => j.Id));
        Assert.Equal(["prepare"], jobs[1].DependsOn);
        Assert.Equal(["cnn/pretrain"], jobs[2].DependsOn);
        Assert.Equal(["cnn/pretrain", "cnn/fold-0", "cnn/fold-1"], jobs[4].DependsOn);
        Assert.Equal((1, 2), (jobs[1].Epochs, jobs[3].Epochs));
        Assert.Equal(StageKey.FineTuning("cnn", 1), TrainingJobPlan.StageOf(jobs[3]));
    }

    [Fact]
    public void Trainer_keys_round_trip_and_bad_ones_are_refused()
    {
        var key = TrainerKey.Format("127.0.0.1:11111@42", "cuda:1");
        Assert.Equal(("127.0.0.1:11111@42", "cuda:1"), TrainerKey.Parse(key));
        Assert.Throws<FormatException>(() => TrainerKey.Parse("no-device"));
        Assert.Throws<ArgumentException>(() => TrainerKey.Format("a/b", "cpu"));
    }

    [Fact]
    public void Messages_validate_themselves()
    {
        var run = new TrainingRunSubmission("r", "{}", "/data", "/runs/r", "/cache", "abc");
        run.Validate();
        var bad = Assert.Throws<ArgumentException>(() => (run with { DataDirectory = "relative", Build = "" }).Validate());
        Assert.Contains("DataDirectory", bad.Message, StringComparison.Ordinal);
        Assert.Contains("Build", bad.Message, StringComparison.Ordinal); // every problem at once
        Assert.Throws<ArgumentException>(() => new JobLease("r", "prepare", 0).Validate());
        Assert.Throws<ArgumentException>(() => new TrainingJobAssignment(new JobLease("r", "x", 1), TrainingJobKind.Stage, null, null, run).Validate());
        Assert.Throws<ArgumentException>(() => new JobOutcome(new JobLease("r", "x", 1), "t", JobFailureKind.Transient, null).Validate());
    }

    [Fact]
    public void Deterministic_failures_are_told_apart_from_transient_ones()
    {
        Assert.Equal(JobFailureKind.Deterministic, JobFailures.Classify(new NonFiniteLossException("loss NaN")));
        Assert.Equal(JobFailureKind.Deterministic, JobFailures.Classify(new RunFolderException("/r", RunFolderProblem.DataChanged, "changed")));
        Assert.Equal(JobFailureKind.LeaseLost, JobFailures.Classify(new StageCommitRefusedException("cnn fold 1/2", 2)));
        Assert.Equal(JobFailureKind.Transient, JobFailures.Classify(new IOException("disk full")));
    }

    [Fact]
    public void Training_options_report_every_problem_and_name_reserved_gpus()
    {
        var e = Assert.Throws<ArgumentException>(() => new TrainingOptions(["gpu0", "cpu", "cpu"], "", lease: TimeSpan.FromSeconds(1)));
        Assert.Contains("gpu0", e.Message, StringComparison.Ordinal);
        Assert.Contains("twice", e.Message, StringComparison.Ordinal);
        Assert.Contains("build", e.Message, StringComparison.Ordinal);
        Assert.Contains("outlast", e.Message, StringComparison.Ordinal);
        Assert.Equal([1, 3], new TrainingOptions(["cpu", "cuda:1", "cuda:3"], "abc").ReservedGpus);
    }

    [Fact]
    public void Serving_never_pins_a_model_on_a_gpu_reserved_for_training()
    {
        var training = new TrainingOptions(["cuda:1"], "abc");
        var serving = GpuInventory.Simulate(2).WithoutReserved(training.ReservedGpus);
        Assert.Equal([0], serving.Devices.Select(d => d.Index));
        var allocator = new LocalGpuAllocator(serving);
        Assert.All(Enumerable.Range(0, 4), _ => Assert.Equal(0, allocator.Acquire().GpuIndex));
        Assert.Equal("0:16384", GpuInventory.FromMetadata(serving.ToMetadata()).ToMetadata()[GpuInventory.MetadataKey]);
    }
}
