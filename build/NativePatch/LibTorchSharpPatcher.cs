using System.Diagnostics;

namespace Ensemble.NativePatch;

/// <summary>
/// Produces, once per TorchSharp version, a copy of libLibTorchSharp.so that loads on this host, plus the compat
/// library it needs, in a cache folder; writes "patched" or "not-needed" to state.txt there for MSBuild.
/// </summary>
internal static class LibTorchSharpPatcher
{
    public const string StateFileName = "state.txt";
    public const string Patched = "patched";
    public const string NotNeeded = "not-needed";

    private const string CompatSource = """
        // Stands in for GLIBCXX_3.4.32's only new symbol on older libstdc++ (Debian 12 ships 3.4.30).
        #include <ios>
        namespace std { void ios_base_library_init() { static ios_base::Init init; } }
        """;

    public static string Ensure(string input, string outDir, string? hostLibStdCxx)
    {
        Directory.CreateDirectory(outDir);
        var statePath = Path.Combine(outDir, StateFileName);
        using var _ = AcquireLock(Path.Combine(outDir, ".lock"));
        if (File.Exists(statePath))
            return File.ReadAllText(statePath).Trim();

        var state = Decide(input, hostLibStdCxx);
        if (state == Patched)
            Patch(input, outDir);
        var tmp = statePath + ".tmp";
        File.WriteAllText(tmp, state + "\n");
        File.Move(tmp, statePath, overwrite: true);
        return state;
    }

    public static string Decide(string input, string? hostLibStdCxx)
    {
        if (hostLibStdCxx is null)
            throw new InvalidOperationException("No libstdc++.so.6 found on this host: install it with `apt-get install libstdc++6`.");
        var missing = GlibcxxCompat.MissingVersions(ElfVersionNeeds.Read(input), GlibcxxCompat.DefinedVersions(File.ReadAllBytes(hostLibStdCxx)));
        if (missing.Count == 0)
            return NotNeeded;
        var unfixable = missing.Where(v => v != GlibcxxCompat.ShimmedVersion).ToList();
        if (unfixable.Count > 0)
            throw new InvalidOperationException($"{input} needs {string.Join(", ", unfixable)}, which {hostLibStdCxx} lacks and Ensemble cannot stand in for; use a newer libstdc++ (Debian 13 or later) or Accelerator=system.");
        return Patched;
    }

    private static void Patch(string input, string outDir)
    {
        var compatCpp = Path.Combine(outDir, "glibcxx_compat.cpp");
        File.WriteAllText(compatCpp, CompatSource);
        var compatTmp = Path.Combine(outDir, GlibcxxCompat.CompatLibraryName + ".tmp");
        Run("g++", "g++", ["-shared", "-fPIC", "-O2", "-o", compatTmp, compatCpp]);

        var libTmp = Path.Combine(outDir, "libLibTorchSharp.so.tmp");
        File.Copy(input, libTmp, overwrite: true);
        Run("patchelf", "patchelf", ["--clear-symbol-version", GlibcxxCompat.ShimmedSymbol, libTmp]);
        Run("patchelf", "patchelf", ["--add-needed", GlibcxxCompat.CompatLibraryName, libTmp]);
        if (ElfVersionNeeds.MarkWeak(libTmp, GlibcxxCompat.ShimmedVersion) == 0)
            throw new InvalidOperationException($"{input}: no {GlibcxxCompat.ShimmedVersion} requirement found to mark weak.");

        File.Move(compatTmp, Path.Combine(outDir, GlibcxxCompat.CompatLibraryName), overwrite: true);
        File.Move(libTmp, Path.Combine(outDir, "libLibTorchSharp.so"), overwrite: true);
    }

    private static void Run(string tool, string aptPackage, IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {tool}");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException($"`{tool}` is not installed; TorchSharp needs it to load on this host: run `apt-get install {aptPackage}`.");
        }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEndAsync();
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"{tool} {string.Join(' ', psi.ArgumentList)} failed ({process.ExitCode}): {stderr.Result}{stdout.Result}");
        }
    }

    private static FileStream AcquireLock(string path)
    {
        // Parallel project builds reach this together; the first one patches, the rest wait and read the state.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 600)
            {
                Thread.Sleep(100);
            }
        }
    }
}
