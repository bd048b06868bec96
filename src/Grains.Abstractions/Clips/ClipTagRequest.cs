namespace Ensemble.Grains.Abstractions.Clips;

/// <summary>
/// A clip to tag: either its WAV bytes or a path on storage every silo shares (exactly one of them).
/// <paramref name="DeadlineMs"/>: answer with the models that replied by then (marked partial); null waits for all.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ClipTagRequest(
    [property: Id(0)] string ClipName,
    [property: Id(1)] byte[]? WavBytes,
    [property: Id(2)] string? SharedPath,
    [property: Id(3)] int TopK,
    [property: Id(4)] int? DeadlineMs)
{
    public const int DefaultTopK = 5;

    /// <summary>
    /// The largest WAV a request may carry: the one upload limit, checked by the client before it reads a file and by
    /// the clip grain before it decodes one (6 minutes of 44.1 kHz 16-bit stereo; FAT2019's longest clip is ~30 s
    /// mono, 2.6 MB). It stays well under the Orleans message-size limit so an oversized clip gets this error, not a
    /// dropped connection.
    /// </summary>
    public const int MaxWavBytes = 64 * 1024 * 1024;

    public static ClipTagRequest FromBytes(string clipName, byte[] wavBytes, int topK = DefaultTopK, int? deadlineMs = null) =>
        new(clipName, wavBytes, null, topK, deadlineMs);

    public static ClipTagRequest FromSharedPath(string path, int topK = DefaultTopK, int? deadlineMs = null) =>
        new(Path.GetFileName(path), null, path, topK, deadlineMs);

    /// <summary>Throws ArgumentException naming the field when the request cannot be served.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ClipName))
            throw new ArgumentException("ClipName is empty", nameof(ClipName));
        if ((WavBytes is null) == (SharedPath is null))
            throw new ArgumentException($"{ClipName}: give exactly one of WavBytes and SharedPath", nameof(WavBytes));
        if (WavBytes is { Length: > MaxWavBytes })
            throw new ArgumentException($"{ClipName}: {WavBytes.Length} WAV bytes, more than the {MaxWavBytes} a clip may have", nameof(WavBytes));
        if (TopK < 0)
            throw new ArgumentException($"{ClipName}: TopK {TopK} is negative", nameof(TopK));
        if (DeadlineMs is <= 0)
            throw new ArgumentException($"{ClipName}: DeadlineMs {DeadlineMs} must be positive", nameof(DeadlineMs));
    }
}
