using Ensemble.Cli;
using Ensemble.Training.Manifest;
using Ensemble.Training.Recipes;

namespace Ensemble.Cli.Tests;

/// <summary>models/demo, what `./ensemble demo` serves: it loads, its files match their hashes, and it says where it came from.</summary>
public sealed class ShippedDemoModelTests
{
    private const long MaxShippedBytes = 10L * 1024 * 1024;

    private static string ModelFolder => Path.Combine(RepositoryLayout.FindRoot(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("repository root not found"), DemoCommand.ShippedModelFolder);

    [Fact]
    public void ManifestLoadsAndEveryListedFileMatchesItsHash()
    {
        var manifest = EnsembleManifest.Load(Path.Combine(ModelFolder, EnsembleManifest.FileName), verifyHashes: true);
        Assert.NotEmpty(manifest.Models);
        Assert.Equal(25, manifest.Classes.Count);
    }

    [Fact]
    public void ShipsTheCheckedInDemoRecipe()
    {
        var root = Path.GetDirectoryName(Path.GetDirectoryName(ModelFolder))!;
        var shipped = RecipeJson.Load(Path.Combine(ModelFolder, "recipe.json"));
        var checkedIn = RecipeJson.Load(Path.Combine(root, "recipes", "demo.json"));
        Assert.Equal(RecipeJson.Serialize(checkedIn), RecipeJson.Serialize(shipped));
    }

    [Fact]
    public void ReadmeNamesTheCommitAndDataFingerprintOfTheManifest()
    {
        var manifest = EnsembleManifest.Load(Path.Combine(ModelFolder, EnsembleManifest.FileName), verifyHashes: false);
        var readme = File.ReadAllText(Path.Combine(ModelFolder, "README.md"));
        Assert.Contains(manifest.GitCommit, readme, StringComparison.Ordinal);
        Assert.Contains(manifest.DataFingerprint, readme, StringComparison.Ordinal);
    }

    [Fact]
    public void StaysWithinTheRepositorySizeBudget()
    {
        var bytes = Directory.EnumerateFiles(ModelFolder, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        Assert.InRange(bytes, 1, MaxShippedBytes);
    }
}
