using Ensemble.Grains.Abstractions.Training;
using Microsoft.Extensions.Logging;

namespace Ensemble.Grains.Training;

/// <summary>This silo's training devices, one <see cref="TrainingDeviceWorker"/> each, keyed like their trainer grains.</summary>
public sealed class TrainerDevices : IDisposable
{
    private readonly Dictionary<string, TrainingDeviceWorker> _workers;

    public TrainerDevices(TrainingOptions options, ILocalSiloDetails silo, IGrainFactory grains, ITrainerObserver observer, TrainingMetrics metrics, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(loggers);
        Build = options.Build;
        var logger = loggers.CreateLogger<TrainingDeviceWorker>();
        _workers = options.Devices.ToDictionary(
            d => TrainerKey.Format(silo.SiloAddress.ToParsableString(), d),
            d => new TrainingDeviceWorker(TrainerKey.Format(silo.SiloAddress.ToParsableString(), d), d, options, grains, observer, metrics, logger),
            StringComparer.Ordinal);
    }

    public string Build { get; }

    public IReadOnlyCollection<string> Keys => _workers.Keys;

    public TrainingDeviceWorker? Find(string trainerKey) => _workers.GetValueOrDefault(trainerKey);

    public void Dispose()
    {
        foreach (var worker in _workers.Values)
            worker.Dispose();
    }
}
