using Ensemble.Grains.Abstractions.Training;
using Microsoft.Extensions.Logging;
using Orleans.Placement;

namespace Ensemble.Grains.Training;

/// <summary>
/// One training device of one silo (<see cref="TrainerKey"/>): placed on that silo only, never migrated, never
/// collected (the job it runs lives in the silo's <see cref="TrainingDeviceWorker"/>, so even a lost activation would
/// not stop it). Every method returns at once.
/// </summary>
[TrainerPlacement]
[Immovable]
[KeepAlive]
public sealed partial class TrainerGrain(TrainerDevices devices, ILogger<TrainerGrain> logger) : Grain, ITrainerGrain
{
    public Task<JobAcceptance> StartAsync(TrainingJobAssignment assignment)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        assignment.Validate();
        var key = this.GetPrimaryKeyString();
        if (devices.Find(key) is not { } worker)
            return Task.FromResult(JobAcceptance.Refused($"trainer {key}: this silo offers no such training device"));
        if (assignment.Run.Build != devices.Build)
        {
            LogBuildRefused(logger, key, devices.Build, assignment.Run.Build, assignment.Lease);
            return Task.FromResult(JobAcceptance.Refused($"trainer {key} runs build {devices.Build}, run {assignment.Run.RunId} was submitted from build {assignment.Run.Build}"));
        }
        return Task.FromResult(worker.TryStart(assignment) is { } reason ? JobAcceptance.Refused(reason) : JobAcceptance.Taken);
    }

    public Task<bool> PingAsync(JobLease lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        lease.Validate();
        return Task.FromResult(devices.Find(this.GetPrimaryKeyString())?.Holds(lease) == true);
    }

    public Task CancelAsync(JobLease lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        lease.Validate();
        devices.Find(this.GetPrimaryKeyString())?.Cancel(lease);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "trainer {Trainer} (build {Build}) refuses {Lease} of build {RunBuild}")]
    private static partial void LogBuildRefused(ILogger logger, string trainer, string build, string runBuild, JobLease lease);
}
