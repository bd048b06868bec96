using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ensemble.Client.Tests;

public sealed class EnsembleClientHostingTests
{
    [Fact]
    public void An_application_s_host_gets_an_ensemble_client_of_its_cluster()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseEnsembleClient(ClusterEndpoint.Parse("redis://127.0.0.1:6379"));
        using var host = builder.Build();

        Assert.Same(host.Services.GetRequiredService<EnsembleClient>(), host.Services.GetRequiredService<EnsembleClient>());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65536)]
    public void A_gateway_port_outside_tcp_is_refused(int port)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Host.CreateApplicationBuilder().UseEnsembleClient(ClusterEndpoint.Parse("localhost"), port));
        Assert.Equal("gatewayPort", error.ParamName);
    }

    [Fact]
    public void A_response_timeout_must_be_positive()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Host.CreateApplicationBuilder().UseEnsembleClient(ClusterEndpoint.Parse("localhost"), responseTimeout: TimeSpan.Zero));
        Assert.Equal("responseTimeout", error.ParamName);
    }
}
