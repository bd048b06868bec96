using System.Text.Json;
using Ensemble.Audio.Files;
using Ensemble.Settings;

namespace Ensemble.Training.Runs;

/// <summary>
/// What a training stage has finished, written after every epoch (state.json, beside last.weights / last.optim) so a
/// killed run resumes from the last finished epoch.
/// </summary>
public sealed record StageState(int CompletedEpochs, double BestLwlrap, int BestEpoch, IReadOnlyList<EpochMetrics> History)
{
    public const string FileName = "state.json";

    public static StageState Empty { get; } = new(0, double.NegativeInfinity, -1, []);

    // The shared option set, plus named literals: a stage with no finished epoch has BestLwlrap = -Infinity.
    private static readonly JsonSerializerOptions Json = new(EnsembleJson.Options)
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public void Save(string directory)
    {
        var path = Path.Combine(directory, FileName);
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Json));
    }

    public static StageState Load(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
            return Empty;
        try
        {
            return JsonSerializer.Deserialize<StageState>(File.ReadAllText(path), Json)
                ?? throw new InvalidDataException($"{path}: holds null");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: unreadable stage state ({e.Message}); delete the folder to restart the stage", e);
        }
    }
}
