using System.Text.RegularExpressions;

namespace Ensemble.Grains.Training;

/// <summary>
/// The training side of a silo: the devices it reserves for training (one trainer grain each; a CPU silo offers
/// "cpu"), the build (git commit) its code is, libtorch threads per trainer (null: the recipe's), and the lease
/// timing the coordinators use: a lease lasts <see cref="Lease"/> unless a report, a commit check or a heartbeat
/// (every <see cref="HeartbeatInterval"/>) renews it. <see cref="Clock"/> measures leases (tests pass a
/// FakeTimeProvider); Orleans' own timers only decide how often the check runs.
/// </summary>
public sealed partial record TrainingOptions
{
    public const string CpuDevice = "cpu";
    public static readonly TimeSpan DefaultLease = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan DefaultHeartbeatInterval = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan DefaultCallTimeout = TimeSpan.FromSeconds(10);
    public const int DefaultMaxErrors = 3;

    public TrainingOptions(IReadOnlyList<string> devices, string build, int? threads = null, TimeSpan? lease = null,
        TimeSpan? heartbeatInterval = null, TimeSpan? callTimeout = null, int maxErrors = DefaultMaxErrors, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(devices);
        var problems = new List<string>();
        foreach (var device in devices)
        {
            if (device is null || !DeviceName().IsMatch(device))
                problems.Add($"training device '{device}' is not cpu or cuda:N");
        }
        if (devices.Distinct(StringComparer.Ordinal).Count() != devices.Count)
            problems.Add($"training devices list one twice ({string.Join(',', devices)})");
        if (string.IsNullOrWhiteSpace(build))
            problems.Add("build is empty");
        if (threads < 1)
            problems.Add($"threads must be positive when given, got {threads}");
        Lease = lease ?? DefaultLease;
        HeartbeatInterval = heartbeatInterval ?? DefaultHeartbeatInterval;
        CallTimeout = callTimeout ?? DefaultCallTimeout;
        if (HeartbeatInterval <= TimeSpan.Zero || Lease <= HeartbeatInterval)
            problems.Add($"the lease ({Lease}) must outlast the heartbeat interval ({HeartbeatInterval}), which must be positive");
        if (CallTimeout <= TimeSpan.Zero)
            problems.Add($"call timeout {CallTimeout} must be positive");
        if (maxErrors < 1)
            problems.Add($"maxErrors must be at least 1, got {maxErrors}");
        if (problems.Count > 0)
            throw new ArgumentException(string.Join("; ", problems));
        Devices = devices;
        Build = build;
        Threads = threads;
        MaxErrors = maxErrors;
        Clock = clock ?? TimeProvider.System;
    }

    /// <summary>Options for a silo that coordinates but trains nothing.</summary>
    public static TrainingOptions CoordinatorOnly(string build, TimeProvider? clock = null) => new([], build, clock: clock);

    public IReadOnlyList<string> Devices { get; }
    public string Build { get; }
    public int? Threads { get; }
    public TimeSpan Lease { get; }
    public TimeSpan HeartbeatInterval { get; }
    public TimeSpan CallTimeout { get; }
    public int MaxErrors { get; }
    public TimeProvider Clock { get; }

    /// <summary>CUDA indices among <see cref="Devices"/>: GPUs serving must leave alone.</summary>
    public IReadOnlyList<int> ReservedGpus => Devices.Where(d => d != CpuDevice)
        .Select(d => int.Parse(d.AsSpan(d.IndexOf(':', StringComparison.Ordinal) + 1), System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    [GeneratedRegex(@"^(cpu|cuda:\d{1,3})$")]
    private static partial Regex DeviceName();
}
