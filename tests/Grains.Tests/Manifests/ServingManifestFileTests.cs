using Ensemble.Grains.Manifests;
using Ensemble.Grains.Tests.Fakes;

namespace Ensemble.Grains.Tests.Manifests;

public sealed class ServingManifestFileTests
{
    [Fact]
    public void Version_is_the_content_hash_and_paths_resolve_against_the_folder()
    {
        using var manifests = new TestManifests();
        var a = manifests.Write("a", models: 2);
        var again = ServingManifestFile.Read(Path.GetDirectoryName(a.SourcePath)!);
        Assert.Equal(a.Version, again.Version);
        Assert.Equal(ServingManifestFile.VersionHexDigits, a.Version.Length);
        Assert.True(File.Exists(a.Models[0].Files[0].Path));
        Assert.NotEqual(a.Version, manifests.Write("b", models: 2, seed: 1).Version);
    }

    [Fact]
    public void Missing_and_malformed_files_name_the_path()
    {
        Assert.Throws<FileNotFoundException>(() => ServingManifestFile.Read("/nonexistent/serving.json"));
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "{ not json");
            Assert.Contains(path, Assert.Throws<InvalidDataException>(() => ServingManifestFile.Read(path)).Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
