namespace Ensemble.Settings;

/// <summary>
/// A model file (checkpoint sidecar or ONNX metadata) records other audio settings than the ones it is loaded with:
/// it would see different inputs than it was trained on. Names the file and every differing field.
/// </summary>
public sealed class AudioOptionsMismatchException : Exception
{
    public AudioOptionsMismatchException(string file, IReadOnlyList<string> differences)
        : base($"{file}: trained with other audio settings than it is loaded with (file vs expected): {string.Join("; ", differences)}")
    {
        File = file;
        Differences = differences;
    }

    public string File { get; }

    public IReadOnlyList<string> Differences { get; }

    /// <summary>Throws when <paramref name="stored"/> differs from <paramref name="expected"/>.</summary>
    public static void ThrowIfDifferent(string file, AudioOptions stored, AudioOptions expected)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var differences = stored.Differences(expected);
        if (differences.Count > 0)
            throw new AudioOptionsMismatchException(file, differences);
    }
}
