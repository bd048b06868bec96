using Microsoft.Extensions.Hosting;

namespace Ensemble.Client;

/// <summary>
/// The lifetime of a host that a caller starts and stops itself (an <see cref="EnsembleConnection"/>): unlike the
/// default console lifetime it does not take Ctrl-C and SIGTERM, so those reach the caller (a command's cancellation
/// token) and the caller decides what to write out before stopping the host.
/// </summary>
public sealed class CallerOwnedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
