namespace Ensemble.Grains.Abstractions.Training;

/// <summary>
/// A run to train on the cluster: the recipe (its JSON text, so every silo reads the same one), the dataset, run and
/// feature cache folders on storage every silo sees, and the build (git commit) of the submitting code; trainers of
/// another build are refused.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record TrainingRunSubmission(
    [property: Id(0)] string RunId,
    [property: Id(1)] string RecipeJson,
    [property: Id(2)] string DataDirectory,
    [property: Id(3)] string RunDirectory,
    [property: Id(4)] string CacheDirectory,
    [property: Id(5)] string Build,
    [property: Id(6)] bool? SkipBadClips = null)
{
    public void Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(RunId) || RunId.Contains('/', StringComparison.Ordinal))
            problems.Add($"RunId '{RunId}' must be non-empty without '/'");
        if (string.IsNullOrWhiteSpace(RecipeJson))
            problems.Add("RecipeJson is empty");
        foreach (var (name, path) in new[] { (nameof(DataDirectory), DataDirectory), (nameof(RunDirectory), RunDirectory), (nameof(CacheDirectory), CacheDirectory) })
        {
            if (string.IsNullOrWhiteSpace(path) || !Path.IsPathFullyQualified(path))
                problems.Add($"{name} '{path}' must be an absolute path (every silo resolves it)");
        }
        if (string.IsNullOrWhiteSpace(Build))
            problems.Add("Build is empty");
        if (problems.Count > 0)
            throw new ArgumentException($"training run '{RunId}': {string.Join("; ", problems)}");
    }
}
