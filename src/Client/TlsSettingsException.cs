namespace Ensemble.Client;

/// <summary>
/// `--tls-cert`, `--tls-key` or `--tls-ca` cannot be used: every problem found, each naming its file, on one line. An
/// <see cref="ArgumentException"/> so the commands report it as a usage error.
/// </summary>
public sealed class TlsSettingsException(IReadOnlyList<string> problems)
    : ArgumentException($"TLS settings: {string.Join("; ", problems)}")
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
