namespace Ensemble.Cli.Load;

/// <summary>A clip held in memory for the whole run, so the generator measures the server, not the disk.</summary>
internal sealed record LoadClip(string Name, byte[] WavBytes)
{
    public static IReadOnlyList<LoadClip> ReadFolder(string folder)
    {
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"--clips {folder}: no such folder");
        var clips = Directory.EnumerateFiles(folder, "*.wav").Order(StringComparer.Ordinal)
            .Select(path => new LoadClip(Path.GetFileName(path), Audio.Decoding.WavDecoder.ReadFile(path))).ToList();
        return clips.Count > 0 ? clips : throw new ArgumentException($"--clips {folder}: no .wav files");
    }
}
