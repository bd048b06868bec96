using Ensemble.Audio.Features;

namespace Ensemble.Training.Features;

/// <summary>
/// A log-mel in the <see cref="FeatureCache"/>, read from disk on every <see cref="Load"/>. The full FAT2019 recipe
/// touches ~25,000 clips plus 2 noisy and 7 curated SoX copies (tens of GB of log-mels), which cannot all stay in
/// memory; the OS page cache keeps whatever fits, so small sets cost no more than holding them.
/// </summary>
public sealed record StoredLogMel(string Path, int MelBands, int Frames) : ILogMelSource
{
    public LogMel Load()
    {
        var features = FeatureCache.Read(Path);
        if ((features.MelBands, features.Frames) != (MelBands, Frames))
            throw new InvalidDataException($"{Path}: holds {features.MelBands}×{features.Frames} log-mel, expected {MelBands}×{Frames} (changed during the run); delete it to recompute");
        return features;
    }
}
