using System.Buffers.Binary;

namespace Ensemble.Fuzz.Mutation;

/// <summary>
/// AFL's "havoc" stage in small: a seed with 1-16 stacked mutations (bit flips, interesting 8/16/32-bit values,
/// arithmetic, block delete/duplicate, the format's tokens, splicing with another seed, truncation). Written here
/// because the SharpFuzz package only runs afl-fuzz or libFuzzer; this loop must run where neither is installed.
/// </summary>
internal sealed class Mutator(Random random, IReadOnlyList<byte[]> seeds, IReadOnlyList<byte[]> tokens, int maxLengthBytes)
{
    private static readonly int[] Interesting32 = [0, 1, -1, 16, 32, 44, 127, 128, 255, 256, 512, 1000, 1024, 4096, 32767, 32768, 65535, 65536, 100663045, int.MaxValue, int.MinValue];

    public byte[] Next()
    {
        var input = new List<byte>(seeds[random.Next(seeds.Count)]);
        var stacked = 1 << random.Next(5);
        for (var i = 0; i < stacked; i++)
            MutateOnce(input);
        if (input.Count > maxLengthBytes)
            input.RemoveRange(maxLengthBytes, input.Count - maxLengthBytes);
        return [.. input];
    }

    private void MutateOnce(List<byte> input)
    {
        if (input.Count == 0)
        {
            input.AddRange(tokens[random.Next(tokens.Count)]);
            return;
        }
        var at = random.Next(input.Count);
        switch (random.Next(11))
        {
            case 0:
                input[at] ^= (byte)(1 << random.Next(8));
                break;
            case 1:
                input[at] = (byte)random.Next(256);
                break;
            case 2:
                input[at] = (byte)Interesting32[random.Next(Interesting32.Length)];
                break;
            case 3:
                Overwrite(input, at, BitConverterBytes(Interesting32[random.Next(Interesting32.Length)], random.Next(2) == 0 ? 2 : 4));
                break;
            case 4:
                input[at] = (byte)(input[at] + random.Next(-35, 36));
                break;
            case 5:
                input.RemoveRange(at, Math.Min(input.Count - at, 1 + random.Next(Math.Min(64, input.Count))));
                break;
            case 6:
                var length = Math.Min(input.Count - at, 1 + random.Next(64));
                input.InsertRange(random.Next(input.Count + 1), input.GetRange(at, length));
                break;
            case 7:
                input.InsertRange(at, tokens[random.Next(tokens.Count)]);
                break;
            case 8:
                Overwrite(input, at, tokens[random.Next(tokens.Count)]);
                break;
            case 9:
                var other = seeds[random.Next(seeds.Count)];
                var from = random.Next(other.Length);
                input.RemoveRange(at, input.Count - at);
                input.AddRange(other.AsSpan(from).ToArray());
                break;
            default:
                input.RemoveRange(at, input.Count - at);
                break;
        }
    }

    private static void Overwrite(List<byte> input, int at, ReadOnlySpan<byte> bytes)
    {
        for (var i = 0; i < bytes.Length && at + i < input.Count; i++)
            input[at + i] = bytes[i];
    }

    private static byte[] BitConverterBytes(int value, int width)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        return width == 4 ? bytes : bytes[..2];
    }
}
