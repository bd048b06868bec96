namespace Ensemble.Client.Tests;

public sealed class ClusterEndpointTests
{
    [Fact]
    public void Localhost_and_redis_parse()
    {
        Assert.True(ClusterEndpoint.Parse("localhost").IsLocalhost);
        var redis = ClusterEndpoint.Parse("redis://10.0.0.5:6380");
        Assert.Equal("10.0.0.5:6380", redis.RedisEndPoint);
        Assert.False(redis.RedisTls);
        Assert.False(redis.HasRedisPassword);
        Assert.Equal("redis://10.0.0.5:6380", redis.ToString());
        var options = redis.RedisOptions();
        Assert.Equal("10.0.0.5:6380", Assert.Single(options.EndPoints).ToString());
        Assert.False(options.Ssl);
        Assert.Null(options.Password);
    }

    [Fact]
    public void Rediss_and_a_password_reach_the_redis_options_and_never_the_text()
    {
        var redis = ClusterEndpoint.Parse("rediss://:s3cret%40x@redis.internal:6380");
        Assert.True(redis.RedisTls);
        Assert.True(redis.HasRedisPassword);
        Assert.Equal("rediss://:***@redis.internal:6380", redis.ToString());
        var options = redis.RedisOptions();
        Assert.True(options.Ssl);
        Assert.Equal("redis.internal", options.SslHost);
        Assert.Equal("s3cret@x", options.Password);
        Assert.Null(options.User);

        var acl = ClusterEndpoint.Parse("redis://ensemble:pw@127.0.0.1:6379");
        Assert.Equal("ensemble", acl.RedisOptions().User);
        Assert.Equal("redis://ensemble:***@127.0.0.1:6379", acl.ToString());
    }

    [Theory]
    [InlineData("redis://host")]
    [InlineData("redis://host:99999")]
    [InlineData("rediss://host:")]
    [InlineData("consul://x:1")]
    public void Bad_endpoints_name_the_option(string value) =>
        Assert.Contains("--cluster", Assert.Throws<ArgumentException>(() => ClusterEndpoint.Parse(value)).Message);

    [Theory]
    [InlineData("redis://:hunter2@host")]
    [InlineData("rediss://user:hunter2@host:0")]
    [InlineData("redis://hunter2@host:6379")]
    [InlineData("redis://:@host:6379")]
    public void Errors_leave_the_password_out(string value)
    {
        var error = Assert.Throws<ArgumentException>(() => ClusterEndpoint.Parse(value));
        Assert.Contains("--cluster", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }
}
