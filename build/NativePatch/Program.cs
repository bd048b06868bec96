using System.Diagnostics;
using Ensemble.NativePatch;

// Usage: Ensemble.NativePatch ensure <libLibTorchSharp.so> <cache-dir>   → prints "patched" or "not-needed".
if (args.Length != 3 || args[0] != "ensure")
{
    Console.Error.WriteLine("usage: Ensemble.NativePatch ensure <libLibTorchSharp.so> <cache-dir>");
    return 2;
}
try
{
    Console.WriteLine(LibTorchSharpPatcher.Ensure(args[1], args[2], GlibcxxCompat.FindHostLibStdCxx(ReadLdconfig())));
    return 0;
}
catch (Exception e) when (e is InvalidOperationException or InvalidDataException or IOException)
{
    Console.Error.WriteLine($"error ENS001: {e.Message}");
    return 1;
}

static string? ReadLdconfig()
{
    string[] candidates = ["/sbin/ldconfig", "/usr/sbin/ldconfig"];
    foreach (var ldconfig in candidates.Where(File.Exists))
    {
        using var p = Process.Start(new ProcessStartInfo(ldconfig, "-p") { RedirectStandardOutput = true })!;
        var text = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return text;
    }
    return null;
}
