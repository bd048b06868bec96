using Ensemble.Grains.Hosting;

namespace Ensemble.Grains.Tests.Hosting;

public sealed class ServingOptionsTests
{
    [Fact]
    public void Readiness_and_queue_limits_default_to_their_constants_and_every_bad_value_is_reported_at_once()
    {
        var defaults = new ServingOptions();
        Assert.Equal((ServingOptions.DefaultReadinessProbeTimeout, ServingOptions.DefaultMaxQueuedRequests, 2), (defaults.ReadinessProbeTimeout, defaults.MaxQueuedRequests, defaults.Replicas));
        Assert.Equal(1, new ServingOptions(hedgingEnabled: false).Replicas);

        var error = Assert.Throws<ArgumentException>(() => new ServingOptions(TimeSpan.Zero, readinessProbeTimeout: TimeSpan.Zero, maxQueuedRequests: 0));
        Assert.Contains("HedgeAfter", error.Message, StringComparison.Ordinal);
        Assert.Contains("ReadinessProbeTimeout 00:00:00 must be positive", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxQueuedRequests 0 must be positive", error.Message, StringComparison.Ordinal);
    }
}
