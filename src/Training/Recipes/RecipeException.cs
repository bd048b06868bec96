namespace Ensemble.Training.Recipes;

/// <summary>A recipe file that cannot be used: names the file and the problem (unknown field, missing field, bad value).</summary>
public sealed class RecipeException(string file, string problem, Exception? inner = null)
    : Exception($"{file}: {problem}", inner)
{
    public string File { get; } = file;
    public string Problem { get; } = problem;
}
