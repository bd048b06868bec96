using System.Text;
using System.Text.RegularExpressions;

namespace Ensemble.NativePatch;

/// <summary>Decides whether a library needs libstdc++ symbol versions that the host lacks.</summary>
internal static partial class GlibcxxCompat
{
    /// <summary>The only version we know how to stand in for: it carries one symbol, std::ios_base_library_init().</summary>
    public const string ShimmedVersion = "GLIBCXX_3.4.32";
    public const string ShimmedSymbol = "_ZSt21ios_base_library_initv";
    public const string CompatLibraryName = "libEnsembleGlibcxxCompat.so";

    /// <summary>The GLIBCXX_/CXXABI_ versions a libstdc++ binary defines (its version strings).</summary>
    public static IReadOnlySet<string> DefinedVersions(byte[] libstdcxx)
    {
        var text = Encoding.Latin1.GetString(libstdcxx);
        return VersionPattern().Matches(text).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Versions of libstdc++ that <paramref name="needs"/> requires and <paramref name="hostVersions"/> lacks.</summary>
    public static IReadOnlyList<string> MissingVersions(IEnumerable<VersionNeed> needs, IReadOnlySet<string> hostVersions) =>
        needs.Where(n => n.File.StartsWith("libstdc++", StringComparison.Ordinal) && (n.Flags & ElfVersionNeeds.WeakFlag) == 0)
             .Select(n => n.Version)
             .Where(v => !hostVersions.Contains(v))
             .Distinct(StringComparer.Ordinal)
             .Order(StringComparer.Ordinal)
             .ToList();

    /// <summary>Finds the libstdc++.so.6 the dynamic loader would use, from `ldconfig -p` or the usual folders.</summary>
    public static string? FindHostLibStdCxx(string? ldconfigOutput)
    {
        if (ldconfigOutput is not null)
        {
            foreach (var line in ldconfigOutput.Split('\n'))
            {
                var arrow = line.IndexOf("=>", StringComparison.Ordinal);
                if (line.TrimStart().StartsWith("libstdc++.so.6 ", StringComparison.Ordinal) && line.Contains("x86-64", StringComparison.Ordinal) && arrow > 0)
                    return line[(arrow + 2)..].Trim();
            }
        }
        string[] candidates = ["/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6"];
        return candidates.FirstOrDefault(File.Exists);
    }

    [GeneratedRegex(@"(GLIBCXX|CXXABI)_\d+(\.\d+)+")]
    private static partial Regex VersionPattern();
}
