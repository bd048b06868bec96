using Ensemble.Audio;
using Ensemble.Audio.Augmentation;
using Ensemble.Audio.Decoding;
using Ensemble.Audio.Features;
using Ensemble.Audio.Files;
using Ensemble.Training.Data;
using Ensemble.Settings;

namespace Ensemble.Training.Features;

/// <summary>
/// Log-mels of dataset clips, through the <see cref="FeatureCache"/>: decode, optionally apply a SoX chain, compute.
/// Clips that cannot be decoded, or that an effect of the chain refuses, become <see cref="DatasetIssue"/>s (file, CSV
/// line, reason) instead of stopping the pass, so every problem is reported at once. A clip's cache entry is keyed by
/// its name and the SHA-256 of its bytes, so a clip replaced by other content under the same name is computed again
/// rather than trained on the old clip's features.
/// </summary>
public sealed class ClipFeatures(FeatureCache cache, WavDecoderOptions decoding, LogMelOptions logMel, int parallelism)
{
    private readonly LogMelExtractor _extractor = new(logMel);

    /// <summary>Hex digits of the content hash in a cache key (64 bits: no collision among any dataset's clips).</summary>
    public const int ContentHashDigits = 16;

    /// <summary>The clip's features from the cache, computed and stored first when this content has none.</summary>
    public StoredLogMel Ensure(string variant, string audioPath, SoxChain? chain)
    {
        var bytes = WavDecoder.ReadFile(audioPath);
        return cache.Ensure(variant, CacheKey(audioPath, bytes), () => Compute(WavDecoder.Decode(bytes, audioPath, decoding), chain));
    }

    /// <summary>"name.wav.0123456789abcdef": the clip's file name and the start of the SHA-256 of its bytes.</summary>
    public static string CacheKey(string audioPath, ReadOnlySpan<byte> bytes) =>
        $"{Path.GetFileName(audioPath)}.{Sha256.Of(bytes)[..ContentHashDigits]}";

    private LogMel Compute(AudioClip clip, SoxChain? chain) => _extractor.Compute(chain is null ? clip : chain.Apply(clip));

    /// <summary>
    /// Makes sure every clip of one variant (split + optional chain) is in the cache and returns handles in clip order
    /// (null where the clip failed; failures go to <paramref name="issues"/>).
    /// </summary>
    public StoredLogMel?[] EnsureAll(string split, IReadOnlyList<LabeledClip> clips, string? soxChain, ICollection<DatasetIssue> issues,
        Action<int>? onClipDone = null, CancellationToken cancellation = default)
    {
        var chain = soxChain is null ? null : SoxChain.Parse(soxChain);
        var variant = FeatureCache.Variant(split, soxChain);
        var result = new StoredLogMel?[clips.Count];
        var found = new DatasetIssue?[clips.Count];
        Parallel.For(0, clips.Count, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellation }, i =>
        {
            try
            {
                result[i] = Ensure(variant, clips[i].AudioPath, chain);
            }
            catch (AudioFormatException e)
            {
                found[i] = new DatasetIssue(clips[i].AudioPath, clips[i].Line, $"unreadable audio: {e.Message}");
            }
            catch (SoxEffectException e)
            {
                found[i] = new DatasetIssue(clips[i].AudioPath, clips[i].Line, $"sox '{e.Chain}' failed: {e.Effect}: {e.Problem}");
            }
            onClipDone?.Invoke(i);
        });
        foreach (var issue in found)
            if (issue is not null)
                issues.Add(issue);
        return result;
    }
}
