using Ensemble.Audio.Files;

namespace Ensemble.Grains.Inference;

/// <summary>Checks a weights file against the manifest's SHA-256 before any byte of it is loaded.</summary>
public static class ModelFileVerifier
{
    public static void Verify(string path, string expectedSha256)
    {
        if (!File.Exists(path))
            throw new ModelIntegrityException(path, "weights file not found");
        var actual = Sha256.OfFile(path);
        if (!string.Equals(actual, expectedSha256, StringComparison.OrdinalIgnoreCase))
            throw new ModelIntegrityException(path, $"SHA-256 {actual} does not match the manifest's {expectedSha256}");
    }
}
