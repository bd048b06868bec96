using System.Security.Cryptography;
using System.Text.Json;
using Ensemble.Grains.Abstractions.Manifests;

namespace Ensemble.Grains.Manifests;

/// <summary>
/// Reads and writes the serving manifest (`serving.json` in a run directory). The version is the first 16 hex digits
/// of the file's SHA-256, so the same file always keys the same model grains. Relative weight paths resolve against
/// the manifest's folder.
/// </summary>
public static class ServingManifestFile
{
    public const string FileName = "serving.json";
    public const int VersionHexDigits = 16;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static ServingManifest Read(string path)
    {
        if (Directory.Exists(path))
            path = Path.Combine(path, FileName);
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path}: serving manifest not found", path);
        var bytes = File.ReadAllBytes(path);
        ServingManifest? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize<ServingManifest>(bytes, Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a serving manifest: {e.Message}", e);
        }
        if (parsed is null)
            throw new InvalidDataException($"{path}: empty serving manifest");
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var manifest = parsed with
        {
            Version = Convert.ToHexStringLower(SHA256.HashData(bytes))[..VersionHexDigits],
            SourcePath = Path.GetFullPath(path),
            Models = (parsed.Models ?? []).Select(m => m with { WeightsPath = Path.GetFullPath(m.WeightsPath, folder) }).ToArray(),
        };
        manifest.Validate();
        return manifest;
    }

    /// <summary>Writes <paramref name="manifest"/> (Version and SourcePath are derived on read, so not stored meaningfully).</summary>
    public static void Write(string path, ServingManifest manifest)
    {
        var stored = manifest with { Version = "file", SourcePath = "" };
        File.WriteAllText(path, JsonSerializer.Serialize(stored, Json));
    }
}
