using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Ensemble.Models.Runtime;

/// <summary>
/// glibc returns libtorch's large buffers to the OS after every op (mmap/munmap per tensor), which makes CPU
/// training about 3× slower on this platform; raising the mmap and trim thresholds keeps them in the heap.
/// Applied once when this assembly loads, so tests, the CLI and benchmarks all get it.
/// </summary>
public static partial class NativeMemoryTuning
{
    private const int MmapThresholdOption = -3; // M_MMAP_THRESHOLD
    private const int TrimThresholdOption = -1; // M_TRIM_THRESHOLD

    /// <summary>True when both mallopt calls succeeded (false off glibc, e.g. musl or macOS).</summary>
    public static bool Applied { get; private set; }

#pragma warning disable CA2255 // A module initializer is the one place that runs before any tensor is allocated.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Apply()
    {
        if (!OperatingSystem.IsLinux())
            return;
        try
        {
            Applied = Mallopt(MmapThresholdOption, int.MaxValue) == 1 && Mallopt(TrimThresholdOption, int.MaxValue) == 1;
        }
        catch (EntryPointNotFoundException)
        {
            Applied = false; // not glibc: nothing to tune
        }
        catch (DllNotFoundException)
        {
            Applied = false;
        }
    }

    /// <summary>
    /// Returns the free memory of every glibc arena to the OS (malloc_trim(0)); the raised trim threshold above means
    /// glibc never does this by itself. True when memory was released; false when there was none or off glibc.
    /// </summary>
    public static bool TrimHeap()
    {
        if (!OperatingSystem.IsLinux())
            return false;
        try
        {
            return MallocTrim(0) == 1;
        }
        catch (EntryPointNotFoundException)
        {
            return false; // not glibc: nothing to trim
        }
    }

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int Mallopt(int param, int value);

    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);
}
