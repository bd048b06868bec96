using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Ensemble.Client.Tests.Tls;

/// <summary>Reading --tls-cert/--tls-key/--tls-ca: what is accepted, every problem named with its file at once, and whose certificates pass.</summary>
public sealed class TlsSettingsTests : IDisposable
{
    private readonly TestCertificates _certificates = new();

    public void Dispose() => _certificates.Dispose();

    [Fact]
    public void Matching_pem_files_load_with_the_private_key_and_the_authority()
    {
        var tls = _certificates.Silo();
        Assert.True(tls.Certificate.HasPrivateKey);
        Assert.Equal("CN=ensemble-silo", tls.Certificate.Subject);
        Assert.Equal("CN=Ensemble Test CA", tls.Authority.Subject);
        Assert.Equal(_certificates.CaPath, tls.AuthorityPath);
    }

    [Fact]
    public void Three_missing_files_are_three_problems_in_one_error_each_naming_its_file()
    {
        var missing = Path.Combine(_certificates.Folder, "nope");
        var error = Assert.Throws<TlsSettingsException>(() => new TlsSettings(missing + ".pem", missing + ".key", missing + "-ca.pem"));
        Assert.Equal(3, error.Problems.Count);
        Assert.Contains($"--tls-cert {missing}.pem: no such file", error.Message, StringComparison.Ordinal);
        Assert.Contains($"--tls-key {missing}.key: no such file", error.Message, StringComparison.Ordinal);
        Assert.Contains($"--tls-ca {missing}-ca.pem: no such file", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_key_of_another_certificate_is_named_with_both_files()
    {
        var error = Assert.Throws<TlsSettingsException>(() => new TlsSettings(_certificates.SiloCertificatePath, _certificates.ClientKeyPath, _certificates.CaPath));
        Assert.Equal($"--tls-key {_certificates.ClientKeyPath} does not match the certificate in --tls-cert {_certificates.SiloCertificatePath}", Assert.Single(error.Problems));
    }

    [Fact]
    public void A_certificate_of_another_authority_an_authority_that_is_no_ca_and_files_of_the_wrong_kind_are_refused()
    {
        var foreign = Assert.Throws<TlsSettingsException>(() => new TlsSettings(_certificates.RogueCertificatePath, _certificates.RogueKeyPath, _certificates.CaPath));
        Assert.Contains($"--tls-cert {_certificates.RogueCertificatePath} ('CN=ensemble-rogue-client') is not signed by --tls-ca {_certificates.CaPath}", Assert.Single(foreign.Problems), StringComparison.Ordinal);

        var leafAsCa = Assert.Throws<TlsSettingsException>(() => new TlsSettings(_certificates.SiloCertificatePath, _certificates.SiloKeyPath, _certificates.ClientCertificatePath));
        Assert.Contains("is not a certificate authority", Assert.Single(leafAsCa.Problems), StringComparison.Ordinal);

        // A key where the certificate belongs and a certificate where the key belongs: both named.
        var swapped = Assert.Throws<TlsSettingsException>(() => new TlsSettings(_certificates.SiloKeyPath, _certificates.SiloCertificatePath, _certificates.CaPath));
        Assert.Contains(swapped.Problems, p => p.StartsWith($"--tls-cert {_certificates.SiloKeyPath}: no PEM certificate", StringComparison.Ordinal));
        Assert.Contains(swapped.Problems, p => p.StartsWith($"--tls-key {_certificates.SiloCertificatePath}: holds 'CERTIFICATE', not a private key", StringComparison.Ordinal));
    }

    [Fact]
    public void An_expired_certificate_is_refused_with_its_end_date()
    {
        var error = Assert.Throws<TlsSettingsException>(() => new TlsSettings(_certificates.ExpiredCertificatePath, _certificates.ExpiredKeyPath, _certificates.CaPath));
        Assert.StartsWith($"--tls-cert {_certificates.ExpiredCertificatePath}: expired on ", Assert.Single(error.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void An_encrypted_key_is_refused_with_how_to_decrypt_it()
    {
        var encrypted = Path.Combine(_certificates.Folder, "encrypted.key");
        File.WriteAllText(encrypted, "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n");
        var error = Assert.Throws<TlsSettingsException>(() => new TlsSettings(_certificates.SiloCertificatePath, encrypted, _certificates.CaPath));
        Assert.Contains("the key is encrypted", Assert.Single(error.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Peers_pass_when_signed_by_the_authority_whatever_the_system_says_and_no_certificate_never_passes()
    {
        var silo = _certificates.Silo();
        using var client = X509CertificateLoader.LoadCertificateFromFile(_certificates.ClientCertificatePath);
        using var rogue = X509CertificateLoader.LoadCertificateFromFile(_certificates.RogueCertificatePath);
        // The system does not trust the test CA (chain errors) and the peer's name is not what was dialled: neither matters.
        Assert.True(silo.AcceptsPeer(client, null, SslPolicyErrors.RemoteCertificateChainErrors | SslPolicyErrors.RemoteCertificateNameMismatch));
        Assert.False(silo.AcceptsPeer(rogue, null, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(silo.AcceptsPeer(rogue, null, SslPolicyErrors.None));
        Assert.False(silo.AcceptsPeer(null, null, SslPolicyErrors.RemoteCertificateNotAvailable));
        // A server dialled by name (Redis) must also carry that name.
        Assert.True(silo.AcceptsServer(client, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(silo.AcceptsServer(client, SslPolicyErrors.RemoteCertificateChainErrors | SslPolicyErrors.RemoteCertificateNameMismatch));
        Assert.False(silo.AcceptsServer(rogue, SslPolicyErrors.RemoteCertificateChainErrors));
    }
}
