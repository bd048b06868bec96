namespace Ensemble.Settings;

/// <summary>
/// A run folder, manifest or checkpoint written by an older Ensemble whose format this build no longer reads (format 1
/// kept only a hash of the audio settings, and the TTA seed beside them). Names the file; the fix is to retrain.
/// </summary>
public sealed class OutdatedFormatException : Exception
{
    public OutdatedFormatException(string file, int foundVersion, int currentVersion)
        : base($"{file}: format version {foundVersion}, this build reads version {currentVersion}" +
            (foundVersion < currentVersion ? " (written by an older Ensemble, which stored the audio settings differently): retrain the run with this build" : ""))
    {
        File = file;
        FoundVersion = foundVersion;
        CurrentVersion = currentVersion;
    }

    public string File { get; }
    public int FoundVersion { get; }
    public int CurrentVersion { get; }
}
