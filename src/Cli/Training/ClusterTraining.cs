using Ensemble.Client;
using Ensemble.Grains.Abstractions.Training;

namespace Ensemble.Cli.Training;

/// <summary>
/// `train --cluster`: submits the run to its coordinator and prints its events as they come (the local `train` line
/// form, plus where each job runs and from which epoch it resumes) until the run ends. The events are numbered, so
/// after a failed poll (e.g. while the coordinator moves to another silo) it asks again for what it has not printed.
/// Ctrl-C detaches: the run goes on. With <c>serve</c> the finished manifest is activated for serving.
/// </summary>
internal static class ClusterTraining
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private const int EventsPerPoll = 500;

    public static async Task<int> RunAsync(EnsembleConnection cluster, TrainingRunSubmission submission, bool serve, TextWriter stdout, TextWriter stderr,
        CancellationToken cancellation)
    {
        var coordinator = cluster.Grains.GetGrain<ITrainingCoordinatorGrain>(submission.RunId);
        var status = await coordinator.SubmitAsync(submission);
        await stdout.WriteLineAsync($"run {submission.RunId} submitted to coordinator on {status.CoordinatorSilo} ({status.Jobs.Count} jobs); Ctrl-C detaches, the run goes on");
        long seen = 0;
        using var timer = new PeriodicTimer(PollInterval);
        try
        {
            while (true)
            {
                try
                {
                    foreach (var e in await coordinator.GetEventsAsync(seen, EventsPerPoll))
                    {
                        await stdout.WriteLineAsync(e.Text);
                        seen = e.Sequence;
                    }
                    status = await coordinator.GetStatusAsync();
                    if (status.IsDone && seen >= status.LastEvent)
                        break;
                }
                catch (Exception e) when (e is TimeoutException or OrleansException)
                {
                    await stderr.WriteLineAsync($"coordinator of run {submission.RunId} unreachable ({e.Message}); asking again");
                }
                await timer.WaitForNextTickAsync(cancellation);
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            await stdout.WriteLineAsync($"detached from run {submission.RunId}; it goes on (ensemble jobs --cluster ..., ensemble cancel {submission.RunId} --cluster ...)");
            return 0;
        }
        await stdout.WriteAsync(JobsTable.Format(status));
        if (status.Phase != TrainingRunPhase.Finished)
        {
            await stderr.WriteLineAsync($"ensemble train: run {submission.RunId} {status.Phase}{(status.Error is null ? "" : $": {status.Error}")}");
            return 1;
        }
        if (serve && status.ManifestPath is { } manifest)
        {
            var served = await new EnsembleClient(cluster.Grains).ActivateAsync(manifest);
            await stdout.WriteLineAsync($"serving manifest {served.Version} ({served.Models.Length} models)");
        }
        return 0;
    }
}
