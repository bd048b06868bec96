using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Ensemble.Models.Runtime;

/// <summary>
/// libtorch's OpenMP threads spin between parallel regions by default; on a small or shared machine (2 cores, an
/// Orleans silo, parallel test hosts) the spinning threads starve the rest and one Inception forward went from 0.06 s
/// to 2-11 s. PASSIVE makes them sleep. Set in the native environment (libgomp reads it when libtorch loads, and .NET's
/// Environment.SetEnvironmentVariable does not reach the native environment on Linux); a value the user set wins.
/// </summary>
public static partial class OpenMpWaitPolicy
{
    public const string Variable = "OMP_WAIT_POLICY";
    public const string DefaultPolicy = "PASSIVE";

    /// <summary>The policy in the native environment after start-up, or null off Linux.</summary>
    public static string? Current => OperatingSystem.IsLinux() ? Marshal.PtrToStringUTF8(GetEnv(Variable)) : null;

#pragma warning disable CA2255 // Must run before libtorch (and with it libgomp) is loaded.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Apply()
    {
        if (OperatingSystem.IsLinux())
            _ = SetEnv(Variable, DefaultPolicy, overwrite: 0); // returns -1 only on ENOMEM; the default then stays
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);

    [LibraryImport("libc", EntryPoint = "getenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr GetEnv(string name);
}
