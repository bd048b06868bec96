using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ensemble.Silo.Membership;

/// <summary>
/// Logs every change of the cluster's membership this silo sees (a silo joining, shutting down, declared dead), so an
/// operator reading one silo's log knows which hosts serve, and a test can wait for a killed silo to be noticed.
/// </summary>
internal sealed partial class MembershipLog(IClusterMembershipService membership, ILogger<MembershipLog> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        ClusterMembershipSnapshot? previous = null;
        await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken))
        {
            var changes = previous is null ? snapshot.Members.Values : snapshot.CreateUpdate(previous).Changes;
            foreach (var member in changes)
                LogMember(member.SiloAddress, member.Status);
            previous = snapshot;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster member {Silo} is {Status}")]
    private partial void LogMember(SiloAddress silo, SiloStatus status);
}
