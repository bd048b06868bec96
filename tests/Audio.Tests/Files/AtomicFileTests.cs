using Ensemble.Audio.Files;

namespace Ensemble.Audio.Tests.Files;

public sealed class AtomicFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("atomic-file-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Writes_into_a_new_folder_and_replaces_an_existing_file_leaving_no_temporary_file()
    {
        var path = Path.Combine(_folder, "sub", "a.json");
        AtomicFile.WriteAllText(path, "first");
        AtomicFile.WriteAllBytes(path, [1, 2, 3]);
        Assert.Equal([1, 2, 3], File.ReadAllBytes(path));
        Assert.Equal(["a.json"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
    }

    [Fact]
    public void Text_is_utf8_without_a_byte_order_mark()
    {
        var path = Path.Combine(_folder, "t.txt");
        AtomicFile.WriteAllText(path, "é");
        Assert.Equal([0xC3, 0xA9], File.ReadAllBytes(path));
    }

    [Fact]
    public void A_failing_writer_keeps_the_old_content_and_removes_its_temporary_file()
    {
        var path = Path.Combine(_folder, "keep.bin");
        AtomicFile.WriteAllBytes(path, [7]);
        var error = Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.WriteByte(9);
            throw new InvalidOperationException("disk full");
        }));
        Assert.Equal("disk full", error.Message);
        Assert.Equal([7], File.ReadAllBytes(path));
        Assert.Empty(Directory.GetFiles(_folder, "*" + AtomicFile.TemporarySuffix, SearchOption.AllDirectories));
    }
}
