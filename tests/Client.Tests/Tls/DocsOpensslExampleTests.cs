using Ensemble.Client.Tests.Docs;

namespace Ensemble.Client.Tests.Tls;

/// <summary>The openssl commands of docs/serving.md, run as written: the files they make are what TlsSettings accepts,
/// and the silo's certificate passes a client's check of its peer (and the other way round).</summary>
public sealed class DocsOpensslExampleTests
{
    private const string Marker = "<!-- openssl example: tests/Client.Tests/Tls/DocsOpensslExampleTests runs this block -->";

    [Fact]
    public async Task The_documented_openssl_commands_make_a_ca_and_certificates_that_tls_settings_accept()
    {
        var script = await ServingDocsBlock.AfterAsync(Marker);
        var folder = Directory.CreateTempSubdirectory("ensemble-openssl-");
        try
        {
            await ServingDocsBlock.RunAsync(script, folder.FullName, "openssl example");
            string File(string name) => Path.Combine(folder.FullName, name);
            var silo = new TlsSettings(File("silo-10.0.0.3.pem"), File("silo-10.0.0.3.key"), File("ca.pem"));
            var client = new TlsSettings(File("tagger.pem"), File("tagger.key"), File("ca.pem"));
            _ = new TlsSettings(File("redis.pem"), File("redis.key"), File("ca.pem"));
            Assert.True(silo.AcceptsPeer(client.Certificate, null, System.Net.Security.SslPolicyErrors.RemoteCertificateChainErrors));
            Assert.True(client.AcceptsPeer(silo.Certificate, null, System.Net.Security.SslPolicyErrors.RemoteCertificateChainErrors));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
