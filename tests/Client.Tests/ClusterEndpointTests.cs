namespace Ensemble.Client.Tests;

public sealed class ClusterEndpointTests
{
    [Fact]
    public void Localhost_and_redis_parse()
    {
        Assert.True(ClusterEndpoint.Parse("localhost").IsLocalhost);
        var redis = ClusterEndpoint.Parse("redis://10.0.0.5:6380");
        Assert.Equal("10.0.0.5:6380", redis.RedisConfiguration);
        Assert.Equal("redis://10.0.0.5:6380", redis.ToString());
    }

    [Theory]
    [InlineData("redis://host")]
    [InlineData("redis://host:99999")]
    [InlineData("consul://x:1")]
    public void Bad_endpoints_name_the_option(string value) =>
        Assert.Contains("--cluster", Assert.Throws<ArgumentException>(() => ClusterEndpoint.Parse(value)).Message);
}
