using System.Text;
using Ensemble.NativePatch;

namespace Ensemble.Models.Tests.NativePatch;

/// <summary>Runs the detection on the library this test process actually loaded, and on copies with the flag undone.</summary>
public sealed class LibTorchSharpPatcherTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ensemble-patch-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string LoadedLibTorchSharp() =>
        new[] { Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so"), Path.Combine(AppContext.BaseDirectory, "libLibTorchSharp.so") }
            .First(File.Exists);

    private string FakeHost(params string[] versions)
    {
        var path = Path.Combine(_dir, $"libstdc++-{versions.Length}.so.6");
        File.WriteAllBytes(path, Encoding.ASCII.GetBytes("\0" + string.Join('\0', versions) + "\0"));
        return path;
    }

    private string StrictCopy()
    {
        // Undo the weak flag so the copy demands GLIBCXX_3.4.32 again, as the NuGet original does.
        var copy = Path.Combine(_dir, "libLibTorchSharp.so");
        File.Copy(LoadedLibTorchSharp(), copy, overwrite: true);
        var bytes = File.ReadAllBytes(copy);
        foreach (var need in ElfVersionNeeds.Read(bytes, copy).Where(n => n.Version == GlibcxxCompat.ShimmedVersion))
            bytes[need.FlagsOffset] &= unchecked((byte)~ElfVersionNeeds.WeakFlag);
        File.WriteAllBytes(copy, bytes);
        return copy;
    }

    [Fact]
    public void OutputCopyLoadsOnThisHost()
    {
        var needs = ElfVersionNeeds.Read(LoadedLibTorchSharp());
        var host = GlibcxxCompat.FindHostLibStdCxx(null);
        Assert.NotNull(host);
        // Either the host has every version, or the build patched the copy: nothing strict is missing.
        Assert.Empty(GlibcxxCompat.MissingVersions(needs, GlibcxxCompat.DefinedVersions(File.ReadAllBytes(host))));
    }

    [Fact]
    public void StrictLibraryIsPatchedOnOldHostAndLeftAloneOnNewHost()
    {
        var strict = StrictCopy();
        var hostVersions = GlibcxxCompat.DefinedVersions(File.ReadAllBytes(GlibcxxCompat.FindHostLibStdCxx(null)!));
        var oldHost = hostVersions.Where(v => v != GlibcxxCompat.ShimmedVersion).ToArray();
        var newHost = oldHost.Append(GlibcxxCompat.ShimmedVersion).ToArray();
        Assert.Equal(LibTorchSharpPatcher.Patched, LibTorchSharpPatcher.Decide(strict, FakeHost(oldHost)));
        Assert.Equal(LibTorchSharpPatcher.NotNeeded, LibTorchSharpPatcher.Decide(strict, FakeHost(newHost)));
    }

    [Fact]
    public void VersionsNoShimCanProvideAreRefusedWithAMessage()
    {
        var error = Assert.Throws<InvalidOperationException>(() => LibTorchSharpPatcher.Decide(StrictCopy(), FakeHost("GLIBCXX_3.4.9")));
        Assert.Contains("cannot stand in for", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WeakFlagRoundTripsThroughMarkWeak()
    {
        var strict = StrictCopy();
        Assert.Equal(1, ElfVersionNeeds.MarkWeak(strict, GlibcxxCompat.ShimmedVersion));
        Assert.Equal(0, ElfVersionNeeds.MarkWeak(strict, GlibcxxCompat.ShimmedVersion)); // idempotent
        Assert.All(ElfVersionNeeds.Read(strict).Where(n => n.Version == GlibcxxCompat.ShimmedVersion), n => Assert.Equal(ElfVersionNeeds.WeakFlag, n.Flags & ElfVersionNeeds.WeakFlag));
    }

    [Fact]
    public void NonElfInputIsATypedError()
    {
        var path = Path.Combine(_dir, "not-elf.so");
        File.WriteAllText(path, "hello");
        var error = Assert.Throws<InvalidDataException>(() => ElfVersionNeeds.Read(path));
        Assert.Contains("not an ELF file", error.Message, StringComparison.Ordinal);
    }
}
