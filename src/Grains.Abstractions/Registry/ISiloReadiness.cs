namespace Ensemble.Grains.Abstractions.Registry;

/// <summary>
/// Whether this silo should get traffic (the front door's health/ready): it is active (not starting, not stopping) and
/// every model grain of the active manifest is warm. A stopping silo turns not-ready before its grains drain.
/// </summary>
public interface ISiloReadiness
{
    Task<SiloReadinessReport> CheckAsync();
}
