using System.Globalization;

namespace Ensemble.Cli.Load;

/// <summary>
/// Resident memory of a local process from /proc/PID/status (VmRSS): what the kernel holds for it, libtorch's and ONNX
/// Runtime's native buffers included. Process.WorkingSet64 reads the same field; this one also works for a pid that
/// is not a child and says which pid is gone.
/// </summary>
internal static class ResidentMemory
{
    public static long Of(int pid)
    {
        var path = $"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status";
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"process {pid} cannot be watched ({path}: {e.Message})", e);
        }
        var line = lines.FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"{path} has no VmRSS line");
        var kib = line["VmRSS:".Length..].Trim().Split(' ')[0];
        return long.Parse(kib, CultureInfo.InvariantCulture) * 1024;
    }
}
