using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using Polly.Timeout;

namespace Ensemble.Client.Tests;

/// <summary>What the client does when there is no cluster, and which errors it retries.</summary>
public sealed class ClientFailureTests
{
    [Fact]
    public async Task A_gateway_port_with_nothing_behind_it_fails_after_the_connect_timeout_naming_the_cluster()
    {
        var port = FreePorts.Take(1)[0];
        var error = await Assert.ThrowsAsync<ClusterUnavailableException>(() =>
            EnsembleConnection.ConnectAsync(ClusterEndpoint.Parse(ClusterEndpoint.Localhost), port, connectTimeout: TimeSpan.FromSeconds(2)));
        Assert.Contains("no silo of cluster localhost answered within 2 s", error.Message, StringComparison.Ordinal);
        Assert.Equal(ClusterEndpoint.Localhost, error.Cluster.ToString());
    }

    [Fact]
    public void Silo_unavailable_errors_and_timeouts_are_retried_and_answers_are_not()
    {
        Assert.True(TransientErrors.IsTransient(new SiloUnavailableException("gone")));
        Assert.True(TransientErrors.IsTransient(new ConnectionFailedException("no connection")));
        Assert.True(TransientErrors.IsTransient(new TimeoutRejectedException()));
        Assert.True(TransientErrors.IsTransient(new TimeoutException()));
        Assert.False(TransientErrors.IsTransient(new ArgumentException("bad request")));
        Assert.False(TransientErrors.IsTransient(new InvalidDataException("bad audio")));
    }

    [Fact]
    public void Call_options_report_every_problem_and_the_per_call_timeout_must_be_under_the_response_timeout()
    {
        var error = Assert.Throws<ArgumentException>(() => new TagCallOptions(0, TimeSpan.Zero, TimeSpan.FromSeconds(-1)));
        Assert.Contains("maxAttempts", error.Message, StringComparison.Ordinal);
        Assert.Contains("perCallTimeout", error.Message, StringComparison.Ordinal);
        Assert.Contains("retryDelay", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new TagCallOptions(perCallTimeout: TimeSpan.FromSeconds(30)).CheckUnder(TimeSpan.FromSeconds(30)));
        new TagCallOptions(perCallTimeout: TimeSpan.FromSeconds(29)).CheckUnder(TimeSpan.FromSeconds(30));
    }
}
