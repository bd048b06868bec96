using Ensemble.Audio;
using Ensemble.Grains.Abstractions.Training;
using Ensemble.Models.Checkpoints;
using Ensemble.Training.Data;
using Ensemble.Training.Recipes;
using Ensemble.Training.Runs;

namespace Ensemble.Grains.Training;

/// <summary>
/// Which failures another attempt would meet again (the same seed, data and code give the same result): those fail
/// the job at once. Anything else (I/O, memory, a device error) is worth another attempt.
/// </summary>
public static class JobFailures
{
    public static JobFailureKind Classify(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error switch
        {
            StageCommitRefusedException => JobFailureKind.LeaseLost,
            OperationCanceledException => JobFailureKind.Cancelled,
            NonFiniteLossException or DatasetIssuesException or DatasetFormatException or RecipeException or RunFolderException
                or CheckpointException or AudioFormatException or InvalidDataException or ArgumentException => JobFailureKind.Deterministic,
            _ => JobFailureKind.Transient,
        };
    }
}
