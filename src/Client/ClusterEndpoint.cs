using System.Globalization;
using StackExchange.Redis;

namespace Ensemble.Client;

/// <summary>
/// `--cluster`: "localhost" (development clustering on this machine, the first silo is the primary) or
/// "redis://[[USER]:PASSWORD@]HOST:PORT" (membership in Redis, any number of machines); "rediss://…" reaches Redis
/// over TLS. The password never appears in <see cref="ToString"/> or in an error.
/// </summary>
public sealed record ClusterEndpoint
{
    public const string Localhost = "localhost";
    public const string RedisScheme = "redis://";
    public const string RedisTlsScheme = "rediss://";

    /// <summary>What <see cref="ToString"/> writes in place of a password.</summary>
    public const string Redacted = "***";

    private readonly string? _user;
    private readonly string? _password;

    private ClusterEndpoint(string? host, int port, bool tls, string? user, string? password)
    {
        RedisHost = host;
        RedisPort = port;
        RedisTls = tls;
        _user = user;
        _password = password;
    }

    /// <summary>Redis's host, or null for localhost clustering.</summary>
    public string? RedisHost { get; }

    public int RedisPort { get; }

    /// <summary>rediss://: the connection to Redis is TLS (the server's certificate checked against --tls-ca, else the system's roots).</summary>
    public bool RedisTls { get; }

    /// <summary>Whether Redis is reached with a password (AUTH); the password itself stays inside.</summary>
    public bool HasRedisPassword => _password is not null;

    /// <summary>"HOST:PORT" of Redis (no credentials), or null for localhost clustering.</summary>
    public string? RedisEndPoint => RedisHost is null ? null : $"{RedisHost}:{RedisPort.ToString(CultureInfo.InvariantCulture)}";

    public bool IsLocalhost => RedisHost is null;

    /// <summary>
    /// A fresh StackExchange.Redis configuration for this endpoint (each user gets its own: the library mutates it):
    /// password, TLS, and with <paramref name="tls"/> the server's certificate checked against its authority and this
    /// process's certificate offered to servers that ask for one.
    /// </summary>
    public ConfigurationOptions RedisOptions(TlsSettings? tls = null)
    {
        if (RedisHost is null)
            throw new InvalidOperationException("localhost clustering has no Redis");
        var options = new ConfigurationOptions { User = _user, Password = _password, Ssl = RedisTls };
        options.EndPoints.Add(RedisHost, RedisPort);
        if (RedisTls)
        {
            options.SslHost = RedisHost;
            if (tls is not null)
            {
                options.CertificateValidation += (_, certificate, _, errors) => tls.AcceptsServer(certificate, errors);
                options.CertificateSelection += (_, _, _, _, _) => tls.Certificate;
            }
        }
        return options;
    }

    /// <exception cref="ArgumentException">Not "localhost" or a redis:// or rediss:// address; the message leaves the password out.</exception>
    public static ClusterEndpoint Parse(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        if (value.Equals(Localhost, StringComparison.OrdinalIgnoreCase))
            return new ClusterEndpoint(null, 0, tls: false, null, null);
        var tls = value.StartsWith(RedisTlsScheme, StringComparison.OrdinalIgnoreCase);
        if (!tls && !value.StartsWith(RedisScheme, StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"--cluster '{Redact(value)}': use 'localhost', 'redis://HOST:PORT' or 'rediss://HOST:PORT'", nameof(value));
        var rest = value[(tls ? RedisTlsScheme : RedisScheme).Length..].TrimEnd('/');
        string? user = null, password = null;
        var at = rest.LastIndexOf('@');
        if (at >= 0)
        {
            var credentials = rest[..at];
            rest = rest[(at + 1)..];
            var colon = credentials.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
                throw new ArgumentException($"--cluster '{Redact(value)}': credentials are [USER]:PASSWORD@ (a bare name before @ is not a password)", nameof(value));
            user = colon == 0 ? null : Uri.UnescapeDataString(credentials[..colon]);
            password = Uri.UnescapeDataString(credentials[(colon + 1)..]);
            if (password.Length == 0)
                throw new ArgumentException($"--cluster '{Redact(value)}': the password after ':' is empty", nameof(value));
        }
        var portColon = rest.LastIndexOf(':');
        if (portColon <= 0 || !int.TryParse(rest[(portColon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is <= 0 or > 65535)
            throw new ArgumentException($"--cluster '{Redact(value)}': expected {(tls ? RedisTlsScheme : RedisScheme)}[[USER]:PASSWORD@]HOST:PORT", nameof(value));
        return new ClusterEndpoint(rest[..portColon], port, tls, user, password);
    }

    /// <summary>"localhost", or the address with the password as <see cref="Redacted"/>.</summary>
    public override string ToString() =>
        RedisHost is null ? Localhost
        : $"{(RedisTls ? RedisTlsScheme : RedisScheme)}{(_password is null ? "" : $"{_user}:{Redacted}@")}{RedisEndPoint}";

    /// <summary>A --cluster value with whatever stands between "://" and the last '@' replaced, for error messages.</summary>
    private static string Redact(string value)
    {
        var scheme = value.IndexOf("://", StringComparison.Ordinal);
        var at = value.LastIndexOf('@');
        return scheme >= 0 && at > scheme ? $"{value[..(scheme + 3)]}{Redacted}{value[at..]}" : value;
    }
}
