using Ensemble.Grains.Abstractions.Models;

namespace Ensemble.Grains.Abstractions.Tests.Models;

public sealed class ModelGrainKeyTests
{
    [Fact]
    public void Format_then_parse_round_trips()
    {
        var key = ModelGrainKey.Format("abc123", "customcnn-fold0", 1);
        Assert.Equal("abc123/customcnn-fold0/1", key);
        Assert.Equal(("abc123", "customcnn-fold0", 1), ModelGrainKey.Parse(key));
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a/b/c/d")]
    [InlineData("a/b/-1")]
    [InlineData("/b/0")]
    public void Parse_rejects_malformed_keys(string key) =>
        Assert.Throws<FormatException>(() => ModelGrainKey.Parse(key));

    [Fact]
    public void Format_rejects_separator_in_parts() =>
        Assert.Throws<ArgumentException>(() => ModelGrainKey.Format("v/1", "m", 0));
}
