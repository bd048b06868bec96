namespace Ensemble.Audio.Crops;

/// <summary>
/// SplitMix64 behind the System.Random API: the same sequence on every .NET version and machine
/// (seeded System.Random makes no such promise), so TTA crops are reproducible.
/// </summary>
public sealed class SplitMixRandom : Random
{
    private ulong _state;

    public SplitMixRandom(ulong seed)
        : base(0)
    {
        _state = seed;
    }

    /// <summary>From a signed recipe or stage seed (its 32 bits, sign-extended: distinct seeds stay distinct).</summary>
    public static SplitMixRandom FromSeed(int seed) => new(unchecked((ulong)seed));

    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public override double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    protected override double Sample() => NextDouble();

    public override int Next() => (int)(NextUInt64() >> 33);

    public override int Next(int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return (int)(NextDouble() * maxValue);
    }

    public override int Next(int minValue, int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        return minValue + (int)(NextDouble() * ((long)maxValue - minValue));
    }

    public override long NextInt64() => (long)(NextUInt64() >> 1);

    public override void NextBytes(Span<byte> buffer)
    {
        for (var i = 0; i < buffer.Length; i++)
            buffer[i] = (byte)(NextUInt64() >> 56);
    }

    public override void NextBytes(byte[] buffer) => NextBytes(buffer.AsSpan());

    /// <summary>Seed from (clip id, seed): FNV-1a 64 of the id's UTF-8 bytes mixed with the seed.</summary>
    public static SplitMixRandom ForClip(string clipId, int seed)
    {
        ArgumentNullException.ThrowIfNull(clipId);
        var hash = 0xCBF29CE484222325UL;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(clipId))
            hash = (hash ^ b) * 0x100000001B3UL;
        return new SplitMixRandom(hash ^ ((ulong)(uint)seed * 0x9E3779B97F4A7C15UL));
    }
}
