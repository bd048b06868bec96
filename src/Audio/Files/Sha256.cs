using System.Security.Cryptography;

namespace Ensemble.Audio.Files;

/// <summary>SHA-256 digests as lower-case hex, the form manifests, sidecars and cache keys store.</summary>
public static class Sha256
{
    public const int HexDigits = 64;

    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Of the UTF-8 bytes of <paramref name="text"/>.</summary>
    public static string OfText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Of(System.Text.Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Of a file's bytes, streamed (weights files are hundreds of MB).</summary>
    public static string OfFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
