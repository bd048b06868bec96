
namespace Ensemble.Audio.Files;

/// <summary>
/// Writes a file so that readers see either the old content or the whole new one, never a torn file: the bytes go
/// to a uniquely named temporary file in the same folder (a rename is only atomic within one file system), are
/// flushed to disk, then renamed over the target. A failed write leaves no temporary file behind.
/// </summary>
public static class AtomicFile
{
    /// <summary>Suffix of the temporary files, so a crash's leftovers can be recognised.</summary>
    public const string TemporarySuffix = ".tmp";

    public static void WriteAllBytes(string path, ReadOnlySpan<byte> content)
    {
        var copy = content.ToArray();
        Write(path, stream => stream.Write(copy));
    }

    /// <summary>UTF-8 without a byte-order mark, as <see cref="File.WriteAllText(string, string?)"/>.</summary>
    public static void WriteAllText(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Write(path, stream => stream.Write(new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text)));
    }

    /// <summary>Creates the folder when needed, lets <paramref name="write"/> fill the temporary file, then renames it.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full) ?? throw new ArgumentException($"{path}: has no parent folder", nameof(path));
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}{TemporarySuffix}");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }
    }
}
