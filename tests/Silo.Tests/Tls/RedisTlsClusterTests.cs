using System.Net;
using Ensemble.Cli.Tests;
using Ensemble.Client;
using Ensemble.Client.Tests.Tls;
using Ensemble.Grains.Placement;
using Ensemble.Silo.Hosting;
using Microsoft.Extensions.Hosting;

namespace Ensemble.Silo.Tests.Tls;

/// <summary>
/// A cluster as deployed with TLS everywhere: a real redis-server (from apt; ./ensemble test installs it) with a
/// password, on a TLS port only, its certificate signed by the test CA; two in-process silos with mutual TLS between
/// them join through it (rediss://:PASSWORD@…), a client of the CA finds both, and one with a wrong password gets the
/// typed start-up error without the password in it.
/// </summary>
public sealed class RedisTlsClusterTests : IDisposable
{
    private const string Password = "test-redis-password";
    private static readonly TimeSpan RedisReady = TimeSpan.FromSeconds(30);

    private readonly TestCertificates _certificates = new();

    public void Dispose() => _certificates.Dispose();

    [Fact]
    public async Task Two_tls_silos_form_a_cluster_through_redis_with_a_password_over_tls_a_client_of_the_ca_sees_both_and_a_wrong_password_is_refused()
    {
        var redisServer = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(dir => Path.Combine(dir, "redis-server")).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("redis-server is not installed: run the tests with ./ensemble test (it installs it) or apt-get install redis-server");
        var ports = FreePorts.Take(5);
        // --port 0: no plain port at all; clients must not need it.
        using var redis = new ProcessLines(redisServer, $"--bind 127.0.0.1 --port 0 --tls-port {ports[0]} --tls-cert-file {_certificates.SiloCertificatePath} " +
            $"--tls-key-file {_certificates.SiloKeyPath} --tls-ca-cert-file {_certificates.CaPath} --tls-auth-clients no --requirepass {Password} --save \"\" --appendonly no");
        var hosts = new List<IHost>();
        try
        {
            await redis.WaitForAsync(l => l.Contains("Ready to accept connections", StringComparison.Ordinal), RedisReady, "Ready to accept connections");
            var cluster = ClusterEndpoint.Parse($"rediss://:{Password}@127.0.0.1:{ports[0]}");
            Assert.DoesNotContain(Password, cluster.ToString(), StringComparison.Ordinal);
            for (var i = 0; i < 2; i++)
            {
                var settings = new SiloSettings(null, GpuInventory.None, cluster, ports[1 + 2 * i], ports[2 + 2 * i], hedging: false,
                    advertise: IPAddress.Loopback, tls: _certificates.Silo());
                var host = SiloHost.Build(settings);
                hosts.Add(host);
                await host.StartAsync();
            }
            await using var connection = await EnsembleConnection.ConnectAsync(cluster, tls: _certificates.Client());
            var silos = await connection.Client.GetSilosAsync();
            Assert.Equal(2, silos.Length);
            Assert.Contains(silos, s => s.StartsWith($"S127.0.0.1:{ports[1]}:", StringComparison.Ordinal));
            Assert.Contains(silos, s => s.StartsWith($"S127.0.0.1:{ports[3]}:", StringComparison.Ordinal));

            // A wrong password: the typed start-up error, without the password.
            var wrong = ClusterEndpoint.Parse($"rediss://:not-{Password}@127.0.0.1:{ports[0]}");
            var error = await Assert.ThrowsAsync<ClusterUnavailableException>(() =>
                EnsembleConnection.ConnectAsync(wrong, connectTimeout: TimeSpan.FromSeconds(2), tls: _certificates.Client()));
            Assert.DoesNotContain(Password, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            foreach (var host in Enumerable.Reverse(hosts))
            {
                await host.StopAsync();
                host.Dispose();
            }
            redis.Process.Kill();
        }
    }
}
