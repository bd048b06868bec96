using Ensemble.Grains.Training;
using Microsoft.Extensions.Time.Testing;

namespace Ensemble.Grains.Tests.Training;

public sealed class LeaseGateTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Fact]
    public void A_live_confirmed_lease_commits_and_renews()
    {
        var clock = new FakeTimeProvider();
        var gate = new LeaseGate(clock, Lease);
        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Null(gate.Refusal(() => true));
        clock.Advance(TimeSpan.FromSeconds(29)); // renewed by the commit above
        Assert.Null(gate.Refusal(() => true));
    }

    [Fact]
    public void A_lapsed_lease_refuses_without_asking_the_coordinator()
    {
        var clock = new FakeTimeProvider();
        var gate = new LeaseGate(clock, Lease);
        clock.Advance(Lease);
        var asked = false;
        Assert.Contains("lapsed", gate.Refusal(() => asked = true), StringComparison.Ordinal);
        Assert.False(asked);
    }

    [Fact]
    public void An_unconfirmed_token_or_a_refused_report_refuses()
    {
        var gate = new LeaseGate(new FakeTimeProvider(), Lease);
        Assert.Contains("did not confirm", gate.Refusal(() => false), StringComparison.Ordinal);
        gate.MarkLost("another trainer owns the job");
        Assert.True(gate.IsLost);
        Assert.Equal("another trainer owns the job", gate.Refusal(() => true));
    }
}
