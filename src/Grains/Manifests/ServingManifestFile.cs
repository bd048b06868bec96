using System.Text.Json;
using Ensemble.Grains.Abstractions.Manifests;
using Ensemble.Training.Manifest;
using Ensemble.Audio.Files;
using Ensemble.Settings;

namespace Ensemble.Grains.Manifests;

/// <summary>
/// Reads and writes the serving manifest (`serving.json` in a run directory). The version is the first 16 hex digits
/// of the file's SHA-256, so the same file always keys the same model grains. Relative weight paths resolve against
/// the manifest's folder. Each model lists its files (`files`: format, path, sha256), one or both formats.
/// </summary>
public static class ServingManifestFile
{
    public const string FileName = "serving.json";
    public const int VersionHexDigits = 16;

    /// <summary>The manifest a run folder serves: its training ensemble.json when present, else serving.json; a file is itself.</summary>
    public static string Locate(string runOrFile)
    {
        // A located path that does not exist stays itself: locating it again must not append the name twice.
        if (File.Exists(runOrFile) || (!Directory.Exists(runOrFile) && Path.GetFileName(runOrFile) is FileName or EnsembleManifest.FileName))
            return Path.GetFullPath(runOrFile);
        var trained = Path.Combine(runOrFile, EnsembleManifest.FileName);
        return Path.GetFullPath(File.Exists(trained) ? trained : Path.Combine(runOrFile, FileName));
    }

    /// <summary>Reads a run folder's manifest (see <see cref="Locate"/>): ensemble.json through <see cref="EnsembleManifestAdapter"/>.</summary>
    public static ServingManifest Read(string path)
    {
        path = Locate(path);
        if (Path.GetFileName(path) == EnsembleManifest.FileName)
            return EnsembleManifestAdapter.Read(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"{Path.GetDirectoryName(path)}: no {EnsembleManifest.FileName} or {FileName}: not a run folder", path);
        var bytes = File.ReadAllBytes(path);
        ServingManifest? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize<ServingManifest>(bytes, EnsembleJson.Options);
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            // ArgumentException: the settings record validates itself inside deserialization.
            throw new InvalidDataException($"{path}: not a serving manifest: {e.Message}", e);
        }
        if (parsed is null)
            throw new InvalidDataException($"{path}: empty serving manifest");
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var manifest = parsed with
        {
            Version = Sha256.Of(bytes)[..VersionHexDigits],
            SourcePath = Path.GetFullPath(path),
            // Null entries stay null so that Validate names them.
            Models = (parsed.Models ?? []).Select(m => m is null ? m! : m with
            {
                Files = (m.Files ?? []).Select(f => f is null || string.IsNullOrWhiteSpace(f.Path) ? f! : f with { Path = Path.GetFullPath(f.Path, folder) }).ToArray(),
            }).ToArray(),
        };
        try
        {
            manifest.Validate();
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException(e.Message, e);
        }
        return manifest;
    }

    /// <summary>Writes <paramref name="manifest"/> (Version and SourcePath are derived on read, so not stored meaningfully).</summary>
    public static void Write(string path, ServingManifest manifest)
    {
        var stored = manifest with { Version = "file", SourcePath = "" };
        File.WriteAllText(path, JsonSerializer.Serialize(stored, EnsembleJson.Options));
    }
}
