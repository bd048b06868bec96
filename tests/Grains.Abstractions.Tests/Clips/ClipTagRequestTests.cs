using Ensemble.Grains.Abstractions.Clips;

namespace Ensemble.Grains.Abstractions.Tests.Clips;

public sealed class ClipTagRequestTests
{
    [Fact]
    public void Default_top_k_is_five() => Assert.Equal(5, ClipTagRequest.DefaultTopK);

    [Fact]
    public void Exactly_one_source_is_required()
    {
        ClipTagRequest.FromBytes("a.wav", [1, 2]).Validate();
        ClipTagRequest.FromSharedPath("/data/a.wav").Validate();
        var neither = new ClipTagRequest("a.wav", null, null, 5, null);
        var both = new ClipTagRequest("a.wav", [1], "/data/a.wav", 5, null);
        Assert.Contains("exactly one", Assert.Throws<ArgumentException>(neither.Validate).Message);
        Assert.Throws<ArgumentException>(both.Validate);
    }

    [Fact]
    public void Non_positive_deadline_is_rejected() =>
        Assert.Contains("DeadlineMs", Assert.Throws<ArgumentException>(ClipTagRequest.FromBytes("a.wav", [1], deadlineMs: 0).Validate).Message);
}
