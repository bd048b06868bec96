using System.Text.Json;
using Ensemble.Audio.Files;
using Ensemble.Settings;

namespace Ensemble.Training.Runs;

/// <summary>
/// run.json: where a prepared run reads its data and features. Written last by <see cref="TrainingRun.Prepare"/>, so
/// its presence means the data checks passed and the folds are saved.
/// </summary>
public sealed record PreparedRun(string DataDirectory, string CacheDirectory, bool SkipBadClips, string DataFingerprint)
{
    public const string FileName = "run.json";

    public void Save(string runDirectory)
    {
        AtomicFile.WriteAllText(Path.Combine(runDirectory, FileName), JsonSerializer.Serialize(this, EnsembleJson.Options) + "\n");
    }

    public static PreparedRun Load(string runDirectory)
    {
        var path = Path.Combine(runDirectory, FileName);
        if (!File.Exists(path))
            throw new RunFolderException(runDirectory, RunFolderProblem.NotPrepared, $"no {FileName}: prepare the run first (ensemble train)");
        try
        {
            return JsonSerializer.Deserialize<PreparedRun>(File.ReadAllText(path), EnsembleJson.Options)
                ?? throw new RunFolderException(runDirectory, RunFolderProblem.NotPrepared, $"{FileName} holds null");
        }
        catch (JsonException e)
        {
            throw new RunFolderException(runDirectory, RunFolderProblem.NotPrepared, $"{FileName} is unreadable ({e.Message}); prepare the run again", e);
        }
    }
}
