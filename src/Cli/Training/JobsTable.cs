using System.Globalization;
using System.Text;
using Ensemble.Grains.Abstractions.Training;

namespace Ensemble.Cli.Training;

/// <summary>How `ensemble jobs` prints a run: one line for the run, one per job.</summary>
internal static class JobsTable
{
    public static string Format(TrainingRunStatus run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var text = new StringBuilder();
        var finished = run.Jobs.Count(j => j.State == TrainingJobState.Finished);
        text.Append(CultureInfo.InvariantCulture, $"run {run.RunId}: {run.Phase}, {finished}/{run.Jobs.Count} jobs finished");
        if (run.RunDirectory is not null)
            text.Append(CultureInfo.InvariantCulture, $", run folder {run.RunDirectory}");
        if (run.ManifestPath is not null)
            text.Append(CultureInfo.InvariantCulture, $", manifest {run.ManifestPath}");
        if (run.Error is not null)
            text.Append(CultureInfo.InvariantCulture, $", error: {run.Error}");
        text.Append('\n');
        foreach (var job in run.Jobs)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {job.Id,-20} {job.State,-9}");
            if (job.Kind == TrainingJobKind.Stage)
                text.Append(CultureInfo.InvariantCulture, $" epoch {job.CompletedEpochs}/{job.Epochs}");
            if (job.Trainer is not null)
                text.Append(CultureInfo.InvariantCulture, $" on {job.Trainer} (token {job.Token})");
            text.Append(CultureInfo.InvariantCulture, $" lost trainers {job.LostTrainers}, errors {job.Errors}");
            if (job.ResumedFromEpoch is { } resumed)
                text.Append(CultureInfo.InvariantCulture, $", resumed from epoch {resumed}");
            if (job.SamplesPerSecond > 0)
                text.Append(CultureInfo.InvariantCulture, $", {job.SamplesPerSecond:F1} samples/s, {job.LastEpochSeconds:F1} s/epoch");
            if (job.LastError is not null)
                text.Append(CultureInfo.InvariantCulture, $", last error: {job.LastError}");
            text.Append('\n');
        }
        return text.ToString();
    }
}
