using System.Net;
using Ensemble.Cli.Tests.Serving;
using Ensemble.Client;
using Ensemble.Grains.Inference;
using Ensemble.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ensemble.FrontDoor.Tests.Serving;

/// <summary>/v2/health/ready and the model's ready endpoints follow the silo's readiness: a silo started without a
/// manifest is not ready (4xx), ready once one is active and warm, not ready again as soon as the host begins stopping.
/// Its own silo, in the HTTP collection so that it never runs beside the shared one.</summary>
[Collection(HttpSiloCollection.Name)]
public sealed class ReadinessHttpTests
{
    private static readonly string[] ReadyPaths = ["/v2/health/ready", "/v2/models/ensemble/ready"];

    [Fact]
    public async Task Ready_only_between_activation_and_the_start_of_stopping()
    {
        using var run = new UntrainedRun(models: 1, clips: 0);
        var (host, port, _, _) = HttpSilo.Build(runPath: null, new ServingModelRunnerFactory());
        using var _ = host;
        await host.StartAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await AssertReadyAsync(http, HttpStatusCode.BadRequest);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/v2/health/live")).StatusCode);
            // Not ready is not "unknown model": a wrong name is still a 404.
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/v2/models/other/ready")).StatusCode);

            var manifest = await host.Services.GetRequiredService<EnsembleClient>().ActivateAsync(EnsembleSiloExtensions.ManifestPathOf(run.RunFolder)!);
            await AssertReadyAsync(http, HttpStatusCode.OK);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/v2/models/ensemble/versions/{manifest.Version}/ready")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/v2/models/ensemble/versions/0000/ready")).StatusCode);

            // Signalling the stop (what SIGTERM does) leaves the web server up until the host stops its services.
            host.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
            await AssertReadyAsync(http, HttpStatusCode.BadRequest);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static async Task AssertReadyAsync(HttpClient http, HttpStatusCode expected)
    {
        foreach (var path in ReadyPaths)
            Assert.Equal((path, expected), (path, (await http.GetAsync(path)).StatusCode));
    }
}
