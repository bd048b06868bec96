using Ensemble.Training.Runs;

namespace Ensemble.Grains.Training;

/// <summary>Job ids of a run's job table: "prepare", "MODEL/pretrain", "MODEL/fold-K", "assemble".</summary>
public static class TrainingJobIds
{
    public const string Prepare = "prepare";
    public const string Assemble = "assemble";

    public static string Of(StageKey stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        return stage.Fold is { } k ? $"{stage.Model}/fold-{k}" : $"{stage.Model}/{StageKey.PretrainFolder}";
    }
}
