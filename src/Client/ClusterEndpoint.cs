namespace Ensemble.Client;

/// <summary>
/// `--cluster`: "localhost" (development clustering on this machine, the first silo is the primary) or
/// "redis://HOST:PORT" (membership in Redis, any number of machines).
/// </summary>
public sealed record ClusterEndpoint
{
    public const string Localhost = "localhost";
    public const string RedisScheme = "redis://";

    private ClusterEndpoint(string? redisConfiguration) => RedisConfiguration = redisConfiguration;

    /// <summary>StackExchange.Redis configuration ("HOST:PORT"), or null for localhost clustering.</summary>
    public string? RedisConfiguration { get; }

    public bool IsLocalhost => RedisConfiguration is null;

    public static ClusterEndpoint Parse(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        if (value.Equals(Localhost, StringComparison.OrdinalIgnoreCase))
            return new ClusterEndpoint((string?)null);
        if (value.StartsWith(RedisScheme, StringComparison.OrdinalIgnoreCase))
        {
            var hostPort = value[RedisScheme.Length..].TrimEnd('/');
            var colon = hostPort.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(hostPort[(colon + 1)..], out var port) || port is <= 0 or > 65535)
                throw new ArgumentException($"--cluster '{value}': expected redis://HOST:PORT", nameof(value));
            return new ClusterEndpoint(hostPort);
        }
        throw new ArgumentException($"--cluster '{value}': use 'localhost' or 'redis://HOST:PORT'", nameof(value));
    }

    public override string ToString() => RedisConfiguration is null ? Localhost : RedisScheme + RedisConfiguration;
}
