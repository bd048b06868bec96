using Orleans.Connections.Security;

namespace Ensemble.Client;

/// <summary>
/// Orleans' connection TLS (Microsoft.Orleans.Connections.Security) for silos and clients alike: this process's
/// certificate on every connection, a certificate required from the other end in both directions (a silo accepts
/// only silos and clients signed by the authority; a client accepts only such gateways), checked by
/// <see cref="TlsSettings.AcceptsPeer"/>.
/// </summary>
public static class OrleansTls
{
    public static void Apply(TlsOptions options, TlsSettings tls)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tls);
        options.LocalCertificate = tls.Certificate;
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.RemoteCertificateValidation = (certificate, chain, errors) => tls.AcceptsPeer(certificate, chain, errors);
        options.HandshakeTimeout = TlsSettings.HandshakeTimeout;
        // A private CA publishes no revocation lists (and AcceptsPeer does not ask for any).
        options.CheckCertificateRevocation = false;
    }
}
