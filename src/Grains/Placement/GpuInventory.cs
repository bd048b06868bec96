using System.Diagnostics;
using System.Globalization;

namespace Ensemble.Grains.Placement;

/// <summary>
/// The accelerators of one silo, advertised to the cluster in silo metadata under <see cref="MetadataKey"/> as
/// "0:81559,1:81559" (index:MiB). <see cref="Simulated"/> inventories place and pin grains like real GPUs but run
/// them on the CPU: that is how tests and CPU-only machines exercise GPU placement.
/// </summary>
public sealed record GpuInventory(IReadOnlyList<GpuDevice> Devices, bool Simulated)
{
    public const string MetadataKey = "ensemble.gpus";
    public const string SimulatedMetadataKey = "ensemble.gpus.simulated";

    public static GpuInventory None { get; } = new([], false);

    public bool HasGpus => Devices.Count > 0;

    /// <summary>Parses `--gpus`: "none", "auto" (nvidia-smi), or CUDA indices "0,1" (memory from nvidia-smi when present).</summary>
    public static GpuInventory FromOption(string spec, Func<IReadOnlyList<GpuDevice>>? detect = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(spec);
        detect ??= DetectWithNvidiaSmi;
        var trimmed = spec.Trim();
        if (trimmed.Equals("none", StringComparison.OrdinalIgnoreCase))
            return None;
        if (trimmed.Equals("auto", StringComparison.OrdinalIgnoreCase))
            return new GpuInventory(detect(), false);
        var detected = detect().ToDictionary(d => d.Index);
        var devices = new List<GpuDevice>();
        foreach (var part in trimmed.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                throw new ArgumentException($"--gpus '{spec}': '{part}' is not a GPU index (use auto, none or e.g. 0,1)", nameof(spec));
            if (devices.Any(d => d.Index == index))
                throw new ArgumentException($"--gpus '{spec}': GPU {index} is listed twice", nameof(spec));
            devices.Add(detected.TryGetValue(index, out var found) ? found : new GpuDevice(index, 0));
        }
        return new GpuInventory(devices, false);
    }

    /// <summary>
    /// The inventory serving may use when the silo reserves <paramref name="reservedForTraining"/> (CUDA indices) for
    /// its trainers: model grains are never placed or pinned on those GPUs.
    /// </summary>
    public GpuInventory WithoutReserved(IReadOnlyCollection<int> reservedForTraining)
    {
        ArgumentNullException.ThrowIfNull(reservedForTraining);
        return this with { Devices = Devices.Where(d => !reservedForTraining.Contains(d.Index)).ToArray() };
    }

    /// <summary>A made-up inventory of <paramref name="count"/> GPUs that runs on the CPU.</summary>
    public static GpuInventory Simulate(int count, long memoryMiB = 16_384) =>
        new(Enumerable.Range(0, count).Select(i => new GpuDevice(i, memoryMiB)).ToArray(), true);

    public Dictionary<string, string> ToMetadata()
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [MetadataKey] = string.Join(',', Devices.Select(d => string.Create(CultureInfo.InvariantCulture, $"{d.Index}:{d.MemoryMiB}"))),
        };
        if (Simulated)
            metadata[SimulatedMetadataKey] = "true";
        return metadata;
    }

    public static GpuInventory FromMetadata(IReadOnlyDictionary<string, string>? metadata)
    {
        if (metadata is null || !metadata.TryGetValue(MetadataKey, out var value) || string.IsNullOrWhiteSpace(value))
            return None;
        var devices = value.Split(',').Select(entry =>
        {
            var parts = entry.Split(':');
            if (parts.Length != 2
                || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var memory))
                throw new FormatException($"silo metadata {MetadataKey}='{value}': '{entry}' is not index:MiB");
            return new GpuDevice(index, memory);
        }).ToArray();
        return new GpuInventory(devices, metadata.ContainsKey(SimulatedMetadataKey));
    }

    private static GpuDevice[] DetectWithNvidiaSmi()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("nvidia-smi", "--query-gpu=index,memory.total --format=csv,noheader,nounits")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (process is null)
                return [];
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
                return [];
            return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(line => line.Split(',', StringSplitOptions.TrimEntries))
                .Select(f => new GpuDevice(int.Parse(f[0], CultureInfo.InvariantCulture), long.Parse(f[1], CultureInfo.InvariantCulture)))
                .ToArray();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return []; // no nvidia-smi: no GPU
        }
    }
}
