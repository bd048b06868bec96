using System.CommandLine;

namespace Ensemble.Cli.Serving;

/// <summary>
/// `--tls-cert PATH --tls-key PATH --tls-ca PATH`, the same three on `silo`, `tag --cluster` and `load`: all or none
/// (mutual TLS needs this process's certificate, its key and the authority peers are checked against).
/// </summary>
internal sealed class TlsCliOptions
{
    public Option<FileInfo?> Certificate { get; } = new(TlsSettings.CertificateOption)
    {
        Description = "PEM certificate this process presents (mutual TLS to the cluster, HTTPS on a silo's web ports); with --tls-key and --tls-ca.",
    };

    public Option<FileInfo?> Key { get; } = new(TlsSettings.KeyOption) { Description = "PEM private key (unencrypted) of --tls-cert." };

    public Option<FileInfo?> Authority { get; } = new(TlsSettings.AuthorityOption)
    {
        Description = "PEM certificate of the CA that signs every silo's and client's certificate (and, for rediss://, Redis's if the system does not trust it).",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Certificate);
        command.Options.Add(Key);
        command.Options.Add(Authority);
    }

    /// <summary>The settings, or null when none of the three is given.</summary>
    /// <exception cref="ArgumentException">Only some are given, or <see cref="TlsSettingsException"/>: the files cannot be used.</exception>
    public TlsSettings? Parse(ParseResult parse)
    {
        var given = new[] { parse.GetValue(Certificate), parse.GetValue(Key), parse.GetValue(Authority) };
        if (given.All(f => f is null))
            return null;
        if (given.Any(f => f is null))
            throw new ArgumentException($"give {TlsSettings.CertificateOption}, {TlsSettings.KeyOption} and {TlsSettings.AuthorityOption} together (missing: " +
                string.Join(", ", new[] { TlsSettings.CertificateOption, TlsSettings.KeyOption, TlsSettings.AuthorityOption }.Where((_, i) => given[i] is null)) + ")");
        return new TlsSettings(given[0]!.FullName, given[1]!.FullName, given[2]!.FullName);
    }
}
