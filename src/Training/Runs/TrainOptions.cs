namespace Ensemble.Training.Runs;

/// <summary>How to run a recipe: data and run folders, the shared feature cache, and overrides from the command line.</summary>
public sealed record TrainOptions
{
    public TrainOptions(string dataDirectory, string runDirectory, string cacheDirectory, bool? skipBadClips = null, int parallelism = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        ArgumentException.ThrowIfNullOrWhiteSpace(runDirectory);
        ArgumentException.ThrowIfNullOrWhiteSpace(cacheDirectory);
        if (parallelism < 0)
            throw new ArgumentException($"Parallelism must be 0 (all cores) or positive, got {parallelism}", nameof(parallelism));
        DataDirectory = dataDirectory;
        RunDirectory = runDirectory;
        CacheDirectory = cacheDirectory;
        SkipBadClips = skipBadClips;
        Parallelism = parallelism == 0 ? Environment.ProcessorCount : parallelism;
    }

    public string DataDirectory { get; }
    public string RunDirectory { get; }
    public string CacheDirectory { get; }

    /// <summary>Overrides the recipe's data.skipBadClips when set.</summary>
    public bool? SkipBadClips { get; }

    public int Parallelism { get; }
}
