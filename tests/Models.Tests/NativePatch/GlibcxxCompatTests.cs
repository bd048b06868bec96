using System.Text;
using Ensemble.NativePatch;

namespace Ensemble.Models.Tests.NativePatch;

public sealed class GlibcxxCompatTests
{
    private static readonly VersionNeed Needs32 = new("libstdc++.so.6", "GLIBCXX_3.4.32", 0, 0);
    private static readonly VersionNeed Needs30 = new("libstdc++.so.6", "GLIBCXX_3.4.30", 0, 0);

    [Fact]
    public void HostWithoutTheVersionIsDetectedAsMissingIt()
    {
        var host = GlibcxxCompat.DefinedVersions(Encoding.ASCII.GetBytes("\0GLIBCXX_3.4.29\0GLIBCXX_3.4.30\0CXXABI_1.3.13\0"));
        Assert.Equal(["GLIBCXX_3.4.32"], GlibcxxCompat.MissingVersions([Needs30, Needs32], host));
    }

    [Fact]
    public void HostWithTheVersionNeedsNothing()
    {
        var host = GlibcxxCompat.DefinedVersions(Encoding.ASCII.GetBytes("\0GLIBCXX_3.4.30\0GLIBCXX_3.4.31\0GLIBCXX_3.4.32\0"));
        Assert.Empty(GlibcxxCompat.MissingVersions([Needs30, Needs32], host));
    }

    [Fact]
    public void WeakRequirementsAndOtherLibrariesAreNotMissing()
    {
        var host = GlibcxxCompat.DefinedVersions(Encoding.ASCII.GetBytes("GLIBCXX_3.4.30"));
        VersionNeed weak = Needs32 with { Flags = ElfVersionNeeds.WeakFlag };
        VersionNeed libc = new("libc.so.6", "GLIBC_2.34", 0, 0);
        Assert.Empty(GlibcxxCompat.MissingVersions([weak, libc], host));
    }

    [Fact]
    public void LdconfigOutputPointsAtTheX64LibStdCxx()
    {
        const string ldconfig = """
            1234 libs found in cache `/etc/ld.so.cache'
            	libstdc++.so.6 (libc6,x86-64) => /usr/lib/x86_64-linux-gnu/libstdc++.so.6
            	libstdc++.so.6 (libc6) => /usr/lib32/libstdc++.so.6
            """;
        Assert.Equal("/usr/lib/x86_64-linux-gnu/libstdc++.so.6", GlibcxxCompat.FindHostLibStdCxx(ldconfig));
    }
}
