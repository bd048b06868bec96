using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using Ensemble.Audio.Features;
using Ensemble.Audio.Files;

namespace Ensemble.Training.Features;

/// <summary>
/// On-disk log-mel cache shared by folds, architectures and runs: &lt;root&gt;/&lt;options hash&gt;/&lt;variant&gt;/&lt;fname&gt;.bin,
/// where the hash names the audio options and the variant is the split plus any SoX chain. Each file is written to a
/// unique temporary name and then renamed into place, so two processes filling the cache at once never read a
/// partial file (the last rename wins, and both wrote the same values).
/// </summary>
public sealed class FeatureCache
{
    private const uint Magic = 0x4C454D45; // "EMEL"
    private const int FormatVersion = 1;
    private const int HeaderBytes = 16;

    public FeatureCache(string root, string optionsHash)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        if (string.IsNullOrWhiteSpace(optionsHash) || optionsHash.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
            throw new ArgumentException($"optionsHash must be a file-name-safe word, got '{optionsHash}'", nameof(optionsHash));
        Root = Path.GetFullPath(root);
        OptionsHash = optionsHash;
    }

    public const string DefaultRoot = ".cache/features";

    public string Root { get; }
    public string OptionsHash { get; }

    /// <summary>The variant folder of a split with an optional SoX chain: "train_noisy" or "train_noisy~pitch_-500~1a2b3c4d".</summary>
    public static string Variant(string split, string? soxChain)
    {
        if (soxChain is null)
            return split;
        var readable = new string(soxChain.Select(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '+' or '.' ? ch : '_').ToArray());
        var hash = Sha256.OfText(soxChain)[..8];
        return $"{split}~{readable}~{hash}";
    }

    public string PathOf(string variant, string fileName) => Path.Combine(Root, OptionsHash, variant, fileName + ".bin");

    /// <summary>
    /// Makes sure the features are on disk (computing and storing them when absent) and returns a handle that reads them
    /// on demand; only the header of an existing file is read here.
    /// </summary>
    public StoredLogMel Ensure(string variant, string fileName, Func<LogMel> compute)
    {
        ArgumentNullException.ThrowIfNull(compute);
        var path = PathOf(variant, fileName);
        if (File.Exists(path))
        {
            var (mels, frames) = ReadShape(path);
            return new StoredLogMel(path, mels, frames);
        }
        var features = compute();
        Write(path, features);
        return new StoredLogMel(path, features.MelBands, features.Frames);
    }

    public static void Write(string path, LogMel features)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var bytes = new byte[HeaderBytes + features.Values.Length * sizeof(float)];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), FormatVersion);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), features.MelBands);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(12), features.Frames);
        MemoryMarshal.AsBytes(features.Values.AsSpan()).CopyTo(bytes.AsSpan(HeaderBytes));
        AtomicFile.WriteAllBytes(path, bytes);
    }

    public static LogMel Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var (mels, frames) = CheckHeader(path, bytes, bytes.Length);
        var values = new float[mels * frames];
        MemoryMarshal.Cast<byte, float>(bytes.AsSpan(HeaderBytes)).CopyTo(values);
        return new LogMel(values, mels, frames);
    }

    /// <summary>The [mels, frames] shape from a file's header, checked against the file's length.</summary>
    public static (int MelBands, int Frames) ReadShape(string path)
    {
        using var stream = File.OpenRead(path);
        var header = new byte[HeaderBytes];
        var read = stream.ReadAtLeast(header, HeaderBytes, throwOnEndOfStream: false);
        return CheckHeader(path, header.AsSpan(0, read), stream.Length);
    }

    private static (int MelBands, int Frames) CheckHeader(string path, ReadOnlySpan<byte> header, long fileLength)
    {
        if (header.Length < HeaderBytes || BinaryPrimitives.ReadUInt32LittleEndian(header) != Magic)
            throw new InvalidDataException($"{path}: not a feature-cache file (bad magic); delete it to recompute");
        var version = BinaryPrimitives.ReadInt32LittleEndian(header[4..]);
        if (version != FormatVersion)
            throw new InvalidDataException($"{path}: feature-cache format {version}, expected {FormatVersion}; delete it to recompute");
        var mels = BinaryPrimitives.ReadInt32LittleEndian(header[8..]);
        var frames = BinaryPrimitives.ReadInt32LittleEndian(header[12..]);
        if (mels <= 0 || frames <= 0 || fileLength != HeaderBytes + (long)mels * frames * sizeof(float))
            throw new InvalidDataException($"{path}: header says {mels}×{frames} but the file has {fileLength} bytes; delete it to recompute");
        return (mels, frames);
    }
}
