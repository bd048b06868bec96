using System.Text.Json;
using Ensemble.Settings;

namespace Ensemble.Training.Runs;

/// <summary>
/// What another process (or a training grain) needs to run one stage of a prepared run: the run folder and the stage.
/// Everything else (recipe, data and cache folders, folds) is read from the run folder by <see cref="TrainingRun.Open"/>,
/// which refuses a folder that no longer matches its data. Round-trips through JSON.
/// </summary>
public sealed record TrainingStageRequest
{
    public TrainingStageRequest(string runDirectory, StageKey stage)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runDirectory);
        ArgumentNullException.ThrowIfNull(stage);
        ArgumentException.ThrowIfNullOrWhiteSpace(stage.Model);
        if (stage.Fold < 0)
            throw new ArgumentException($"fold must be non-negative, got {stage.Fold}", nameof(stage));
        RunDirectory = Path.GetFullPath(runDirectory);
        Stage = stage;
    }

    public string RunDirectory { get; }
    public StageKey Stage { get; }

    public string ToJson() => JsonSerializer.Serialize(this, EnsembleJson.Options);

    public static TrainingStageRequest FromJson(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<TrainingStageRequest>(json, EnsembleJson.Options) ?? throw new InvalidDataException("a stage request holds null");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"unreadable stage request: {e.Message}", e);
        }
    }
}
