using Orleans.Runtime.MembershipService.SiloMetadata;

namespace Ensemble.Grains.Training;

/// <summary>
/// What a silo advertises about training in its silo metadata: its training devices ("cpu" or "cuda:0,cuda:1") and
/// its build, so a coordinator finds every trainer of the cluster and skips those of another build.
/// </summary>
public static class TrainingMetadata
{
    public const string DevicesKey = "ensemble.training.devices";
    public const string BuildKey = "ensemble.training.build";

    public static Dictionary<string, string> ToMetadata(TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [DevicesKey] = string.Join(',', options.Devices),
            [BuildKey] = options.Build,
        };
    }

    /// <summary>The devices and build a silo advertises (no devices: not a trainer).</summary>
    public static (IReadOnlyList<string> Devices, string? Build) Read(SiloMetadata? metadata)
    {
        var values = metadata?.Metadata;
        if (values is null || !values.TryGetValue(DevicesKey, out var devices) || string.IsNullOrWhiteSpace(devices))
            return ([], null);
        return (devices.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), values.GetValueOrDefault(BuildKey));
    }
}
