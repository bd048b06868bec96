using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text.Json;
using Ensemble.Client;
using Ensemble.FrontDoor.Grpc.Protocol;
using Ensemble.FrontDoor.Tests.Serving;
using Ensemble.FrontDoor.Web;
using Grpc.Net.Client;
using Xunit.Abstractions;

namespace Ensemble.FrontDoor.Tests.Tls;

/// <summary>
/// A silo with TLS: a client with a certificate of the cluster's CA tags a clip; one without TLS and one of a rogue
/// CA are refused within their short connect timeout; the gateway itself refuses a rogue certificate; the HTTP, gRPC
/// and metrics ports speak HTTPS to a caller trusting the CA and fail for one that does not. In the HTTP collection
/// so that it never runs beside the shared silo.
/// </summary>
[Collection(HttpSiloCollection.Name)]
public sealed class TlsServingTests(TlsSilo silo, ITestOutputHelper log) : IClassFixture<TlsSilo>
{
    /// <summary>Short, so that a refusal shows as the typed error at once (the default is 15 s).</summary>
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(2);

    /// <summary>What "at once" allows: the connect timeout and the host's start and stop, far under a 30 s hang.</summary>
    private static readonly TimeSpan Quickly = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_client_with_a_certificate_of_the_cluster_ca_tags_a_clip()
    {
        await using var connection = await EnsembleConnection.ConnectAsync(ClusterEndpoint.Parse(ClusterEndpoint.Localhost), silo.GatewayPort,
            tls: silo.Certificates.Client());
        var result = await connection.Client.TagFileAsync(silo.Run.Clips()[0]);
        Assert.Equal(silo.Run.Manifest.Labels.Length, result.Scores.Length);
        Assert.False(result.IsPartial);
    }

    [Fact]
    public async Task A_client_without_tls_is_refused_quickly_with_the_typed_error() =>
        await AssertRefusedAsync(tls: null);

    [Fact]
    public async Task A_client_with_a_certificate_of_a_rogue_ca_is_refused_quickly_with_the_typed_error() =>
        await AssertRefusedAsync(silo.Certificates.Rogue());

    /// <summary>The gateway's (and the silo port's, where other silos connect) own verdict, whatever the caller thinks of the silo: it trusts the right CA, and presents a
    /// rogue certificate or none. .NET on Linux judges the peer once OpenSSL has finished the handshake, so the refusal
    /// is the connection closed at once (end of stream or a reset), where an accepted client would be left waiting for
    /// the gateway's next bytes (bounded by <see cref="Quickly"/>).</summary>
    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public async Task The_gateway_and_the_silo_port_close_on_a_certificate_the_ca_did_not_sign_or_none(bool gateway, bool rogueCertificate)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, gateway ? silo.GatewayPort : silo.SiloPort);
        await using var stream = new SslStream(tcp.GetStream());
        var trust = silo.Certificates.Client();
        using var bound = new CancellationTokenSource(Quickly);
        try
        {
            await stream.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                ClientCertificates = rogueCertificate ? [silo.Certificates.Rogue().Certificate] : [],
                RemoteCertificateValidationCallback = (_, certificate, _, errors) => trust.AcceptsServer(certificate, errors),
            }, bound.Token);
            Assert.Equal(0, await stream.ReadAsync(new byte[1], bound.Token));
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            // Refused inside the handshake or by a reset: as good as a close.
        }
    }

    [Fact]
    public async Task Https_on_the_http_and_metrics_ports_answers_a_caller_trusting_the_ca()
    {
        using var http = new HttpClient(silo.TrustingHandler()) { BaseAddress = new Uri($"https://localhost:{silo.HttpPort}") };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/v2/health/live")).StatusCode);
        using var metrics = new HttpClient(silo.TrustingHandler()) { BaseAddress = new Uri($"https://localhost:{silo.MetricsPort}") };
        Assert.Equal(HttpStatusCode.OK, (await metrics.GetAsync("/metrics")).StatusCode);
        // The web page links to the metrics port as it speaks: HTTPS.
        using var config = JsonDocument.Parse(await http.GetStringAsync(WebPage.ConfigRoute));
        Assert.Equal($"https://localhost:{silo.MetricsPort}/metrics", config.RootElement.GetProperty("metrics").GetString());
        // A client certificate is optional on HTTP, and one of the CA is welcome.
        using var withCertificate = new HttpClient(silo.TrustingHandler(silo.Certificates.Client())) { BaseAddress = new Uri($"https://localhost:{silo.HttpPort}") };
        Assert.Equal(HttpStatusCode.OK, (await withCertificate.GetAsync("/v2/health/live")).StatusCode);
    }

    [Fact]
    public async Task Https_fails_for_a_caller_not_trusting_the_ca_for_plain_http_and_for_a_rogue_client_certificate()
    {
        using var untrusting = new HttpClient { BaseAddress = new Uri($"https://localhost:{silo.HttpPort}") };
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => untrusting.GetAsync("/v2/health/live"));
        Assert.IsType<AuthenticationException>(error.InnerException);

        using var plain = new HttpClient { BaseAddress = new Uri($"http://localhost:{silo.HttpPort}") };
        Assert.NotEqual(HttpStatusCode.OK, await StatusOrNullAsync(plain));

        using var rogue = new HttpClient(silo.TrustingHandler(silo.Certificates.Rogue())) { BaseAddress = new Uri($"https://localhost:{silo.HttpPort}") };
        await Assert.ThrowsAsync<HttpRequestException>(() => rogue.GetAsync("/v2/health/live"));
    }

    [Fact]
    public async Task Grpc_over_tls_answers_server_live()
    {
        using var channel = GrpcChannel.ForAddress($"https://localhost:{silo.GrpcPort}", new GrpcChannelOptions { HttpHandler = silo.TrustingHandler() });
        var client = new GRPCInferenceService.GRPCInferenceServiceClient(channel);
        Assert.True((await client.ServerLiveAsync(new ServerLiveRequest())).Live);
    }

    private async Task AssertRefusedAsync(TlsSettings? tls)
    {
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<ClusterUnavailableException>(() =>
            EnsembleConnection.ConnectAsync(ClusterEndpoint.Parse(ClusterEndpoint.Localhost), silo.GatewayPort, connectTimeout: ConnectTimeout, tls: tls));
        log.WriteLine($"refused after {clock.Elapsed.TotalSeconds:F1} s: {error.Message}");
        Assert.True(clock.Elapsed < Quickly, $"refused after {clock.Elapsed}");
        Assert.Contains("no silo of cluster localhost answered within 2 s", error.Message, StringComparison.Ordinal);
        Assert.EndsWith(tls is null ? "is a silo running?" : "is a silo running, with TLS and a certificate of the same CA as --tls-ca?", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The status plain HTTP gets from an HTTPS port (Kestrel answers 400), or null when the connection is dropped.</summary>
    private static async Task<HttpStatusCode?> StatusOrNullAsync(HttpClient http)
    {
        try
        {
            return (await http.GetAsync("/v2/health/live")).StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
