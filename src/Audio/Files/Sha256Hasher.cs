using System.Security.Cryptography;

namespace Ensemble.Audio.Files;

/// <summary>A SHA-256 digest fed piece by piece (e.g. a data fingerprint over many files); <see cref="Finish"/> gives the hex.</summary>
public sealed class Sha256Hasher : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public Sha256Hasher Append(ReadOnlySpan<byte> bytes)
    {
        _hash.AppendData(bytes);
        return this;
    }

    /// <summary>Appends the UTF-8 bytes of <paramref name="text"/>.</summary>
    public Sha256Hasher AppendText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Append(System.Text.Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Lower-case hex of everything appended so far; the hasher starts over afterwards.</summary>
    public string Finish() => Convert.ToHexStringLower(_hash.GetHashAndReset());

    public void Dispose() => _hash.Dispose();
}
