using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Ensemble.Client;

namespace Ensemble.Client.Tests.Tls;

/// <summary>
/// PEM files made in code in a temporary folder: a test CA and a silo's, a client's and an expired certificate signed
/// by it, and a rogue CA with a client certificate of its own. Leaf certificates name localhost, 127.0.0.1 and ::1 and
/// allow server and client authentication (a silo is both), so one also serves as Redis's server certificate.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    private static readonly TimeSpan Validity = TimeSpan.FromDays(1);

    public TestCertificates()
    {
        Folder = Path.Combine(Path.GetTempPath(), $"ensemble-tls-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Folder);
        var now = DateTimeOffset.UtcNow;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var ca = Authority("CN=Ensemble Test CA", caKey, now);
        using var rogueKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var rogue = Authority("CN=Rogue CA", rogueKey, now);
        CaPath = WriteCertificate("ca.pem", ca);
        RogueCaPath = WriteCertificate("rogue-ca.pem", rogue);
        (SiloCertificatePath, SiloKeyPath) = Leaf("silo", ca, now - Validity, now + Validity);
        (ClientCertificatePath, ClientKeyPath) = Leaf("client", ca, now - Validity, now + Validity);
        (RogueCertificatePath, RogueKeyPath) = Leaf("rogue-client", rogue, now - Validity, now + Validity);
        (ExpiredCertificatePath, ExpiredKeyPath) = Leaf("expired", ca, now - 2 * Validity, now - Validity);
    }

    public string Folder { get; }
    public string CaPath { get; }
    public string RogueCaPath { get; }
    public string SiloCertificatePath { get; }
    public string SiloKeyPath { get; }
    public string ClientCertificatePath { get; }
    public string ClientKeyPath { get; }
    public string RogueCertificatePath { get; }
    public string RogueKeyPath { get; }
    public string ExpiredCertificatePath { get; }
    public string ExpiredKeyPath { get; }

    public TlsSettings Silo() => new(SiloCertificatePath, SiloKeyPath, CaPath);

    public TlsSettings Client() => new(ClientCertificatePath, ClientKeyPath, CaPath);

    /// <summary>A client of a rogue CA (its settings must name the CA that signed its certificate, so it is the rogue's).</summary>
    public TlsSettings Rogue() => new(RogueCertificatePath, RogueKeyPath, RogueCaPath);

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    private static X509Certificate2 Authority(string subject, ECDsa key, DateTimeOffset now)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        return request.CreateSelfSigned(now - 3 * Validity, now + 3 * Validity);
    }

    private (string Certificate, string Key) Leaf(string name, X509Certificate2 authority, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN=ensemble-{name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication"), new Oid("1.3.6.1.5.5.7.3.2", "Client Authentication")], critical: false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        using var certificate = request.Create(authority, notBefore, notAfter, RandomNumberGenerator.GetBytes(16));
        var keyPath = Path.Combine(Folder, $"{name}.key");
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return (WriteCertificate($"{name}.pem", certificate), keyPath);
    }

    private string WriteCertificate(string file, X509Certificate2 certificate)
    {
        var path = Path.Combine(Folder, file);
        File.WriteAllText(path, certificate.ExportCertificatePem());
        return path;
    }
}
