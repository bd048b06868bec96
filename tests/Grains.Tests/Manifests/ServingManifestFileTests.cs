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

    // Found by the fuzzer (bench/Fuzz): null entries threw NullReferenceException, invalid values an ArgumentException;
    // each is now InvalidDataException naming the file.
    [Theory]
    [InlineData("\"models\": [", "\"models\": [null, ")]
    [InlineData("\"files\": [", "\"files\": [null, ")]
    [InlineData("\"weight\": 1,", "\"weight\": -1,")]
    [InlineData("\"testTtaCrops\": 3", "\"testTtaCrops\": 0")]
    [InlineData("\"version\"", "\"unknownField\": 1, \"version\"")]
    public void Broken_entries_are_invalid_data_naming_the_file(string find, string replace)
    {
        using var manifests = new TestManifests();
        var path = manifests.Write("a", models: 2).SourcePath;
        var json = File.ReadAllText(path);
        Assert.Contains(find, json, StringComparison.Ordinal);
        File.WriteAllText(path, json.Replace(find, replace, StringComparison.Ordinal));
        Assert.Contains(path, Assert.Throws<InvalidDataException>(() => ServingManifestFile.Read(path)).Message, StringComparison.Ordinal);
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
