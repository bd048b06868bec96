using Ensemble.Audio.Files;

namespace Ensemble.Audio.Tests.Files;

public sealed class Sha256Tests
{
    // FIPS 180-2 test vector: SHA-256("abc").
    private const string Abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    [Fact]
    public void Bytes_text_file_and_pieces_agree_with_the_standard_vector()
    {
        Assert.Equal(Abc, Sha256.Of("abc"u8));
        Assert.Equal(Abc, Sha256.OfText("abc"));
        using var hasher = new Sha256Hasher();
        Assert.Equal(Abc, hasher.AppendText("a").Append("bc"u8).Finish());
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "abc");
            Assert.Equal(Abc, Sha256.OfFile(path));
        }
        finally
        {
            File.Delete(path);
        }
        Assert.Equal(Sha256.HexDigits, Abc.Length);
    }

    [Fact]
    public void Finish_starts_the_hasher_over()
    {
        using var hasher = new Sha256Hasher();
        hasher.AppendText("zzz").Finish();
        Assert.Equal(Abc, hasher.AppendText("abc").Finish());
    }
}
