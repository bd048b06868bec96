using Ensemble.Grains.Inference;
using Ensemble.Audio.Files;

namespace Ensemble.Grains.Tests.Inference;

public sealed class ModelFileVerifierTests
{
    [Fact]
    public void Matching_hash_passes_and_a_changed_file_is_named()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "weights");
            var hash = Sha256.OfFile(path);
            Assert.Equal("2b9d5a4e4ec50ef2c3ebe4cfd3c2e86f4c0c7e3f0b0bbac63b8d8a1a1b6bcd83".Length, hash.Length);
            ModelFileVerifier.Verify(path, hash.ToUpperInvariant());
            File.WriteAllText(path, "tampered");
            var error = Assert.Throws<ModelIntegrityException>(() => ModelFileVerifier.Verify(path, hash));
            Assert.Equal(path, error.File);
            Assert.Contains("does not match", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Missing_file_is_reported() =>
        Assert.Contains("not found", Assert.Throws<ModelIntegrityException>(() => ModelFileVerifier.Verify("/nonexistent/m.bin", new string('0', 64))).Message);
}
