using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Ensemble.Client;

/// <summary>
/// `--tls-cert PATH --tls-key PATH --tls-ca PATH`: this process's certificate and private key and the certificate
/// authority that signs every peer's (PEM files). Mutual TLS: silos and clients each present a certificate, and a peer
/// is accepted when its certificate chains to <see cref="Authority"/> alone (custom root trust, not the system's
/// roots; host names are not checked, since silos are reached at the addresses in the membership table). Read and
/// checked when constructed: every problem is reported at once (<see cref="TlsSettingsException"/>).
/// Owned by the process for its lifetime (Kestrel and the Orleans connections hold the certificates), so not disposed.
/// </summary>
public sealed class TlsSettings
{
    public const string CertificateOption = "--tls-cert";
    public const string KeyOption = "--tls-key";
    public const string AuthorityOption = "--tls-ca";

    /// <summary>Orleans' default handshake timeout (10 s) is kept; a refused peer fails its handshake at once anyway.</summary>
    public static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(10);

    private static readonly string[] KeyLabels = ["PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY"];
    private const string EncryptedKeyLabel = "ENCRYPTED PRIVATE KEY";

    /// <exception cref="TlsSettingsException">A file is missing or not PEM, the key does not match the certificate, the
    /// authority is not a CA, the certificate is not signed by it or is outside its validity period.</exception>
    public TlsSettings(string certificatePath, string keyPath, string authorityPath, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(certificatePath);
        ArgumentException.ThrowIfNullOrWhiteSpace(keyPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(authorityPath);
        CertificatePath = Path.GetFullPath(certificatePath);
        KeyPath = Path.GetFullPath(keyPath);
        AuthorityPath = Path.GetFullPath(authorityPath);
        var problems = new List<string>();
        var certificatePem = ReadPem(CertificateOption, CertificatePath, problems);
        var keyPem = ReadPem(KeyOption, KeyPath, problems);
        var authorityPem = ReadPem(AuthorityOption, AuthorityPath, problems);
        using var certificateOnly = certificatePem is null ? null : LoadCertificate(CertificateOption, CertificatePath, certificatePem, problems);
        if (keyPem is not null)
            CheckKeyLabel(keyPem, problems);
        X509Certificate2? authority = null, certificate = null;
        try
        {
            authority = authorityPem is null ? null : LoadCertificate(AuthorityOption, AuthorityPath, authorityPem, problems);
            if (authority is not null && !IsAuthority(authority))
                problems.Add($"{AuthorityOption} {AuthorityPath}: '{authority.Subject}' is not a certificate authority (no CA basic constraint)");
            if (certificateOnly is not null && keyPem is not null && problems.Count == 0)
                certificate = WithKey(certificatePem!, keyPem, problems);
            if (certificateOnly is not null)
                CheckCertificate(certificateOnly, authority, (time ?? TimeProvider.System).GetUtcNow().UtcDateTime, problems);
            if (problems.Count > 0)
                throw new TlsSettingsException(problems);
            Certificate = certificate!;
            Authority = authority!;
            (certificate, authority) = (null, null); // owned by this object from here on
        }
        finally
        {
            certificate?.Dispose();
            authority?.Dispose();
        }
    }

    /// <summary>This process's certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The only root a peer's certificate may chain to.</summary>
    public X509Certificate2 Authority { get; }

    public string CertificatePath { get; }
    public string KeyPath { get; }
    public string AuthorityPath { get; }

    /// <summary>
    /// A silo's or client's certificate (either side of an Orleans connection, or an HTTPS client certificate): present
    /// and chaining to <see cref="Authority"/>. The system's verdict (<paramref name="errors"/>) is not used: it checks
    /// the system's roots and a host name, neither of which applies to a cluster's own authority.
    /// </summary>
    public bool AcceptsPeer(X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors) =>
        certificate is not null && !errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable) && ChainsTo(certificate, Authority, presented);

    /// <summary>A server we address by name (Redis over TLS): trusted by the system with the name matching, or signed by
    /// <see cref="Authority"/> with the name matching.</summary>
    public bool AcceptsServer(X509Certificate? certificate, SslPolicyErrors errors) =>
        errors == SslPolicyErrors.None
        || (certificate is not null && errors == SslPolicyErrors.RemoteCertificateChainErrors && ChainsTo(certificate, Authority, extra: null));

    public override string ToString() => $"{CertificateOption} {CertificatePath} {KeyOption} {KeyPath} {AuthorityOption} {AuthorityPath}";

    /// <param name="ignoreTime">Only whether the authority signed it (the settings check reports expiry on its own).</param>
    private static bool ChainsTo(X509Certificate certificate, X509Certificate2 authority, X509Chain? extra, bool ignoreTime = false)
    {
        using var chain = new X509Chain();
        if (ignoreTime)
            chain.ChainPolicy.VerificationFlags = X509VerificationFlags.IgnoreNotTimeValid;
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        // A private CA publishes no revocation lists; expiry and signatures are still checked.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (extra is not null)
        {
            // Intermediates the peer sent in its handshake.
            foreach (var element in extra.ChainElements.Skip(1))
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
        }
        var leaf = certificate as X509Certificate2;
        using var owned = leaf is null ? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()) : null;
        return chain.Build(leaf ?? owned!);
    }

    private X509Certificate2? WithKey(string certificatePem, string keyPem, List<string> problems)
    {
        try
        {
            return X509Certificate2.CreateFromPem(certificatePem, keyPem);
        }
        // Another key of the same algorithm: ArgumentException; of another algorithm or malformed: CryptographicException.
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            problems.Add($"{KeyOption} {KeyPath} does not match the certificate in {CertificateOption} {CertificatePath}");
            return null;
        }
    }

    private void CheckCertificate(X509Certificate2 certificate, X509Certificate2? authority, DateTime now, List<string> problems)
    {
        if (certificate.NotAfter.ToUniversalTime() < now)
            problems.Add($"{CertificateOption} {CertificatePath}: expired on {certificate.NotAfter.ToUniversalTime():u}");
        if (certificate.NotBefore.ToUniversalTime() > now)
            problems.Add($"{CertificateOption} {CertificatePath}: not valid before {certificate.NotBefore.ToUniversalTime():u}");
        if (authority is not null && IsAuthority(authority) && !ChainsTo(certificate, authority, extra: null, ignoreTime: true))
            problems.Add($"{CertificateOption} {CertificatePath} ('{certificate.Subject}') is not signed by {AuthorityOption} {AuthorityPath} ('{authority.Subject}')");
    }

    private static bool IsAuthority(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509BasicConstraintsExtension>().Any(e => e.CertificateAuthority);

    private static string? ReadPem(string option, string path, List<string> problems)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            problems.Add($"{option} {path}: no such file");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add($"{option} {path}: cannot be read ({e.Message.ReplaceLineEndings(" ")})");
        }
        return null;
    }

    private static X509Certificate2? LoadCertificate(string option, string path, string pem, List<string> problems)
    {
        try
        {
            return X509Certificate2.CreateFromPem(pem);
        }
        catch (CryptographicException)
        {
            problems.Add($"{option} {path}: no PEM certificate (-----BEGIN CERTIFICATE-----) in it");
            return null;
        }
    }

    private void CheckKeyLabel(string pem, List<string> problems)
    {
        if (!PemEncoding.TryFind(pem, out var fields))
        {
            problems.Add($"{KeyOption} {KeyPath}: no PEM private key (-----BEGIN PRIVATE KEY-----) in it");
            return;
        }
        var label = pem[fields.Label];
        if (label == EncryptedKeyLabel)
            problems.Add($"{KeyOption} {KeyPath}: the key is encrypted; give an unencrypted one (openssl pkey -in KEY -out KEY.plain)");
        else if (!KeyLabels.Contains(label, StringComparer.Ordinal))
            problems.Add($"{KeyOption} {KeyPath}: holds '{label}', not a private key");
    }
}
