using System.Net;
using System.Text;
using Ensemble.Cli.Tests.Serving;
using Ensemble.Client;
using Ensemble.FrontDoor.Grpc.Protocol;
using Ensemble.Grains.Inference;
using Ensemble.Silo.Hosting;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Ensemble.FrontDoor.Tests.Serving;

/// <summary>Over gRPC a silo started without a manifest answers ServerReady and ModelReady with ready: false (not an
/// error; another model is still NOT_FOUND), and an inference with UNAVAILABLE (HTTP: 503), not a server fault;
/// ready once a manifest is active. Its own silo, in the HTTP collection so that it never runs beside the shared one.</summary>
[Collection(HttpSiloCollection.Name)]
public sealed class ReadinessGrpcTests
{
    [Fact]
    public async Task Not_ready_is_ready_false_and_an_inference_is_unavailable()
    {
        using var run = new UntrainedRun(models: 1, clips: 1);
        var (host, httpPort, _, grpcPort) = HttpSilo.Build(runPath: null, new ServingModelRunnerFactory());
        using var _ = host;
        await host.StartAsync();
        try
        {
            using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPort}");
            var client = new GRPCInferenceService.GRPCInferenceServiceClient(channel);
            Assert.True((await client.ServerLiveAsync(new ServerLiveRequest())).Live);
            Assert.False((await client.ServerReadyAsync(new ServerReadyRequest())).Ready);
            Assert.False((await client.ModelReadyAsync(new ModelReadyRequest { Name = "ensemble" })).Ready);
            Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(async () => await client.ModelReadyAsync(new ModelReadyRequest { Name = "other" }))).StatusCode);

            var clip = run.Clips()[0];
            var error = await Assert.ThrowsAsync<RpcException>(async () => await client.ModelInferAsync(OpenInferenceGrpcTests.ContentsRequest(clip)));
            Assert.Equal((StatusCode.Unavailable, true), (error.StatusCode, error.Status.Detail.Contains("not ready", StringComparison.Ordinal)));
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}") };
            using var content = new StringContent(OpenInferenceHttpTests.JsonRequest(clip), Encoding.UTF8, "application/json");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.PostAsync("/v2/models/ensemble/infer", content)).StatusCode);

            await host.Services.GetRequiredService<EnsembleClient>().ActivateAsync(EnsembleSiloExtensions.ManifestPathOf(run.RunFolder)!);
            Assert.True((await client.ServerReadyAsync(new ServerReadyRequest())).Ready);
            Assert.True((await client.ModelReadyAsync(new ModelReadyRequest { Name = "ensemble" })).Ready);
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
