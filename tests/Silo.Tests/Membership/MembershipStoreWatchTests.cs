using System.Net;
using Ensemble.Silo.Membership;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Ensemble.Silo.Tests.Membership;

public sealed class MembershipStoreWatchTests
{
    private static readonly SiloAddress Self = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 21111), 7);
    private static readonly SiloAddress Other = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 21112), 8);

    [Fact]
    public async Task A_row_seen_and_then_missing_twice_stops_the_silo_with_a_reason()
    {
        var (time, table, lifetime, exit, watch) = Start([[Self, Other], [Other], [Other]]);
        await table.ReadsDone(1);
        time.Advance(MembershipStoreWatch.Interval);
        await table.ReadsDone(2);
        Assert.False(lifetime.Stopped);
        time.Advance(MembershipStoreWatch.Interval);
        await lifetime.StoppedTask.WaitAsync(TimeSpan.FromSeconds(30)); // a bound, so a watch that never stops fails instead of hanging

        Assert.Contains("lost this silo's entry", exit.Reason, StringComparison.Ordinal);
        Assert.Contains(Self.ToString(), exit.Reason, StringComparison.Ordinal);
        await watch.StopAsync(CancellationToken.None);
        watch.Dispose();
    }

    [Fact]
    public async Task A_row_never_seen_yet_or_back_again_and_an_unreadable_table_do_not_stop_it()
    {
        // Not registered yet, then registered, missing once, back, and then the table cannot be read at all.
        var (time, table, lifetime, exit, watch) = Start([[Other], [Other], [Self], [Other], [Self], null, null, null]);
        for (var read = 1; read <= 8; read++)
        {
            await table.ReadsDone(read);
            time.Advance(MembershipStoreWatch.Interval);
        }

        Assert.False(lifetime.Stopped);
        Assert.Null(exit.Reason);
        await watch.StopAsync(CancellationToken.None);
        watch.Dispose();
    }

    private static (FakeTimeProvider, ScriptedTable, StopRecorder, SiloExit, MembershipStoreWatch) Start(SiloAddress[]?[] reads)
    {
        var time = new FakeTimeProvider();
        var table = new ScriptedTable(reads);
        var lifetime = new StopRecorder();
        var exit = new SiloExit();
        var watch = new MembershipStoreWatch(table, new FixedSilo(Self), lifetime, exit, time, NullLogger<MembershipStoreWatch>.Instance);
        _ = watch.StartAsync(CancellationToken.None);
        time.Advance(MembershipStoreWatch.Interval);
        return (time, table, lifetime, exit, watch);
    }

    /// <summary>Answers each read with the next scripted member list (null: the store cannot be read).</summary>
    private sealed class ScriptedTable(SiloAddress[]?[] reads) : IMembershipTable
    {
        private readonly TaskCompletionSource[] _done = [.. reads.Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously))];
        private int _reads;

        public Task ReadsDone(int count) => _done[count - 1].Task;

        public Task<MembershipTableData> ReadAllAsync(CancellationToken cancellationToken) => ReadAll();

        public Task<MembershipTableData> ReadAll()
        {
            var index = _reads++;
            try
            {
                var members = reads[index] ?? throw new InvalidOperationException("Redis is down");
                var rows = members.Select(s => Tuple.Create(new MembershipEntry { SiloAddress = s, Status = SiloStatus.Active }, "etag")).ToList();
                return Task.FromResult(new MembershipTableData(rows, new TableVersion(index, "v")));
            }
            finally
            {
                _ = Task.Run(() => _done[index].TrySetResult());
            }
        }

        public Task InitializeMembershipTable(bool tryInitTableVersion) => throw new NotSupportedException();
        public Task DeleteMembershipTableEntries(string clusterId) => throw new NotSupportedException();
        public Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate) => throw new NotSupportedException();
        public Task<MembershipTableData> ReadRow(SiloAddress key) => throw new NotSupportedException();
        public Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion) => throw new NotSupportedException();
        public Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion) => throw new NotSupportedException();
        public Task UpdateIAmAlive(MembershipEntry entry) => throw new NotSupportedException();
    }

    private sealed class FixedSilo(SiloAddress address) : ILocalSiloDetails
    {
        public string Name => "test";
        public string ClusterId => "test";
        public string DnsHostName => "localhost";
        public SiloAddress SiloAddress => address;
        public SiloAddress GatewayAddress => address;
    }

    private sealed class StopRecorder : IHostApplicationLifetime
    {
        private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Stopped => _stopped.Task.IsCompleted;
        public Task StoppedTask => _stopped.Task;
        public CancellationToken ApplicationStarted => CancellationToken.None;
        public CancellationToken ApplicationStopping => CancellationToken.None;
        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication() => _stopped.TrySetResult();
    }
}
