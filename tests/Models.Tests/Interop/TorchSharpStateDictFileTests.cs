using Ensemble.Models.Interop;
using TorchSharp;
using static TorchSharp.torch;

namespace Ensemble.Models.Tests.Interop;

public sealed class TorchSharpStateDictFileTests
{
    [Fact]
    public void WriteThenRead_RoundTripsFloatAndLong()
    {
        using var dir = new TempDirectory();
        var path = dir.File("t.dat");
        using var floats = arange(0, 6, dtype: float32).reshape(2, 3);
        using var longs = tensor(new long[] { 7, 1L << 40 });
        TorchSharpStateDictFile.Write(path, new Dictionary<string, Tensor> { ["a.weight"] = floats, ["n"] = longs });
        var read = TorchSharpStateDictFile.Read(path);
        Assert.Equal(["a.weight", "n"], read.Keys.Order());
        Assert.True(read["a.weight"].allclose(floats, rtol: 0, atol: 0));
        Assert.Equal(new long[] { 7, 1L << 40 }, read["n"].data<long>().ToArray());
        foreach (var t in read.Values)
            t.Dispose();
    }

    [Fact]
    public void FileFromModuleSave_IsReadable()
    {
        // Same layout as TorchSharp's own Module.save, which is what loads PyTorch exports.
        using var dir = new TempDirectory();
        var path = dir.File("m.dat");
        using var linear = nn.Linear(3, 2);
        linear.save(path);
        var read = TorchSharpStateDictFile.Read(path);
        Assert.True(read["weight"].allclose(linear.weight!, rtol: 0, atol: 0));
        foreach (var t in read.Values)
            t.Dispose();
    }

    [Fact]
    public void TruncatedFile_IsATypedError()
    {
        using var dir = new TempDirectory();
        var path = dir.File("t.dat");
        using var floats = ones(100);
        TorchSharpStateDictFile.Write(path, new Dictionary<string, Tensor> { ["x"] = floats });
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^10]);
        var error = Assert.Throws<StateDictFormatException>(() => TorchSharpStateDictFile.Read(path));
        Assert.Equal(path, error.File);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }
}
