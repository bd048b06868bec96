using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ensemble.Silo.Membership;

/// <summary>
/// Redis restarted empty (or flushed) loses every silo's row, and Orleans' Redis membership never writes them again:
/// the silos keep serving the clients they have, but a new client finds no gateway. Measured in
/// deploy/faults/redis-restart.sh. This watch reads the membership table every <see cref="Interval"/>; once this
/// silo's own row, seen before, is missing in <see cref="MissingReadsToExit"/> reads in a row, it stops the silo with
/// one clear line and <see cref="SiloExit.ExitCode"/>, so its supervisor starts it again and it registers anew.
/// A table that cannot be read (Redis down) is only logged: Redis may come back with its data.
/// </summary>
internal sealed partial class MembershipStoreWatch(
    IMembershipTable table, ILocalSiloDetails silo, IHostApplicationLifetime lifetime, SiloExit exit, TimeProvider time,
    ILogger<MembershipStoreWatch> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    public const int MissingReadsToExit = 2;

    // Made here, not in ExecuteAsync (which the host starts on another thread): ticks due before the loop first
    // waits are kept, not lost.
    private readonly PeriodicTimer _timer = new(Interval, time);

    public override void Dispose()
    {
        _timer.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seen = false;
        var missing = 0;
        while (await _timer.WaitForNextTickAsync(stoppingToken))
        {
            bool present;
            try
            {
                var data = await table.ReadAllAsync(stoppingToken);
                present = data.Members.Any(m => m.Item1.SiloAddress.Equals(silo.SiloAddress));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogUnreadable(e.GetType().Name, e.Message);
                continue;
            }
            if (present)
            {
                (seen, missing) = (true, 0);
                continue;
            }
            if (!seen || ++missing < MissingReadsToExit)
                continue;
            var reason = $"the membership store lost this silo's entry ({silo.SiloAddress}; was Redis restarted or flushed?): stopping so that a supervisor restarts the silo and it registers again";
            LogLost(reason);
            exit.Request(reason);
            lifetime.StopApplication();
            return;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Membership table unreadable: {Kind}: {Problem}")]
    private partial void LogUnreadable(string kind, string problem);

    [LoggerMessage(Level = LogLevel.Critical, Message = "{Reason}")]
    private partial void LogLost(string reason);
}
