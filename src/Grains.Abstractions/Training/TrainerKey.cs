namespace Ensemble.Grains.Abstractions.Training;

/// <summary>
/// The key of a trainer grain: the silo it is pinned to (its parsable address, generation included, so a restarted
/// silo has new trainers) and the training device on it ("10.0.0.2:11111@123/cuda:1").
/// </summary>
public static class TrainerKey
{
    public const char Separator = '/';

    public static string Format(string silo, string device)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(silo);
        ArgumentException.ThrowIfNullOrWhiteSpace(device);
        if (silo.Contains(Separator, StringComparison.Ordinal) || device.Contains(Separator, StringComparison.Ordinal))
            throw new ArgumentException($"silo '{silo}' and device '{device}' must not contain '{Separator}'");
        return $"{silo}{Separator}{device}";
    }

    public static (string Silo, string Device) Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var parts = key.Split(Separator);
        if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
            throw new FormatException($"trainer grain key '{key}' is not 'silo/device'");
        return (parts[0], parts[1]);
    }
}
