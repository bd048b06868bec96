using System.Text.Json;
using Ensemble.Audio.Files;
using Ensemble.Settings;

namespace Ensemble.Training.Shifts;

/// <summary>One condition of a shifted set: its folder (named as the condition) holds the shifted WAVs and the truth CSV.</summary>
public sealed record ShiftedCondition(string Name, string Description);

/// <summary>
/// shifts.json, written last into a shifted set's folder (so a set whose writing stopped has none and is refused):
/// the seed the conditions came from, the source folder, the truth file's name, the clip count and the conditions.
/// </summary>
public sealed record ShiftedSetManifest(int FormatVersion, int Seed, string SourceAudio, string Truth, int Clips, IReadOnlyList<ShiftedCondition> Conditions)
{
    public const string FileName = "shifts.json";
    public const int CurrentFormatVersion = 1;

    public void Save(string folder) =>
        AtomicFile.WriteAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(this, EnsembleJson.Options) + "\n");

    /// <summary>Loads a set's manifest and checks that every condition's folder and truth file exist.</summary>
    public static ShiftedSetManifest Load(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path}: not found; make the set with `ensemble shift` (a set whose writing stopped has none)", path);
        ShiftedSetManifest manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<ShiftedSetManifest>(File.ReadAllText(path), EnsembleJson.Options)
                ?? throw new InvalidDataException($"{path}: holds null");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a shifted-set manifest ({e.Message})", e);
        }
        if (manifest.FormatVersion != CurrentFormatVersion)
            throw new InvalidDataException($"{path}: format version {manifest.FormatVersion}, this build reads {CurrentFormatVersion}");
        if (manifest.Conditions.Count == 0)
            throw new InvalidDataException($"{path}: lists no condition");
        foreach (var condition in manifest.Conditions)
        {
            var truth = Path.Combine(folder, condition.Name, manifest.Truth);
            if (!File.Exists(truth))
                throw new InvalidDataException($"{path}: condition '{condition.Name}' has no {truth}");
        }
        return manifest;
    }
}
