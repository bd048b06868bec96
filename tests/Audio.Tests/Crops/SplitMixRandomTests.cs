using Ensemble.Audio.Crops;

namespace Ensemble.Audio.Tests.Crops;

public sealed class SplitMixRandomTests
{
    [Fact]
    public void Matches_the_splitmix64_reference_sequence()
    {
        // Reference values of SplitMix64 seeded with 0 (Vigna's splitmix64.c).
        var random = new SplitMixRandom(0);
        Assert.Equal(0xE220A8397B1DCDAFUL, random.NextUInt64());
        Assert.Equal(0x6E789E6AA1B965F4UL, random.NextUInt64());
    }

    [Fact]
    public void FromSeed_sign_extends_so_negative_and_positive_seeds_differ()
    {
        Assert.Equal(new SplitMixRandom(ulong.MaxValue).NextUInt64(), SplitMixRandom.FromSeed(-1).NextUInt64());
        Assert.Equal(new SplitMixRandom(7).NextUInt64(), SplitMixRandom.FromSeed(7).NextUInt64());
        Assert.NotEqual(SplitMixRandom.FromSeed(1).NextUInt64(), SplitMixRandom.FromSeed(-1).NextUInt64());
    }

    [Fact]
    public void Doubles_are_in_the_unit_interval_and_ints_in_range()
    {
        var random = new SplitMixRandom(5);
        for (var i = 0; i < 1000; i++)
        {
            Assert.InRange(random.NextDouble(), 0, 0.9999999999999999);
            Assert.InRange(random.Next(10), 0, 9);
            Assert.InRange(random.Next(-3, 3), -3, 2);
        }
    }

    [Fact]
    public void Clip_seed_depends_on_id_and_seed()
    {
        Assert.Equal(SplitMixRandom.ForClip("a", 1).NextUInt64(), SplitMixRandom.ForClip("a", 1).NextUInt64());
        Assert.NotEqual(SplitMixRandom.ForClip("a", 1).NextUInt64(), SplitMixRandom.ForClip("a", 2).NextUInt64());
        Assert.NotEqual(SplitMixRandom.ForClip("a", 1).NextUInt64(), SplitMixRandom.ForClip("b", 1).NextUInt64());
    }
}
