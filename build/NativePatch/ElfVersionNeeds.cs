using System.Buffers.Binary;
using System.Text;

namespace Ensemble.NativePatch;

/// <summary>One version requirement (an Elf64_Vernaux entry) of a shared library.</summary>
internal sealed record VersionNeed(string File, string Version, ushort Flags, long FlagsOffset);

/// <summary>Reads and edits the version-needs section (.gnu.version_r) of a 64-bit little-endian ELF file.</summary>
/// <remarks>Written by hand: patchelf cannot mark a version requirement weak.</remarks>
internal static class ElfVersionNeeds
{
    public const ushort WeakFlag = 0x2; // VER_FLG_WEAK: a missing version is a warning, not a load failure.
    private const uint VerneedSectionType = 0x6ffffffe; // SHT_GNU_verneed

    public static IReadOnlyList<VersionNeed> Read(string path) => Read(File.ReadAllBytes(path), path);

    public static IReadOnlyList<VersionNeed> Read(byte[] elf, string nameForErrors)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            throw new InvalidDataException($"{nameForErrors}: not an ELF file");
        if (elf[4] != 2 || elf[5] != 1)
            throw new InvalidDataException($"{nameForErrors}: only 64-bit little-endian ELF is supported");
        var span = elf.AsSpan();
        long shoff = (long)BinaryPrimitives.ReadUInt64LittleEndian(span[0x28..]);
        int shentsize = BinaryPrimitives.ReadUInt16LittleEndian(span[0x3A..]);
        int shnum = BinaryPrimitives.ReadUInt16LittleEndian(span[0x3C..]);
        var needs = new List<VersionNeed>();
        for (var i = 0; i < shnum; i++)
        {
            var sh = span[(int)(shoff + (i * shentsize))..];
            if (BinaryPrimitives.ReadUInt32LittleEndian(sh[4..]) != VerneedSectionType)
                continue;
            long offset = (long)BinaryPrimitives.ReadUInt64LittleEndian(sh[0x18..]);
            int link = (int)BinaryPrimitives.ReadUInt32LittleEndian(sh[0x28..]);
            int count = (int)BinaryPrimitives.ReadUInt32LittleEndian(sh[0x2C..]); // sh_info: number of Verneed entries
            var strtab = span[(int)(shoff + (link * shentsize))..];
            long strOffset = (long)BinaryPrimitives.ReadUInt64LittleEndian(strtab[0x18..]);
            ReadVerneeds(elf, offset, count, strOffset, needs);
        }
        return needs;
    }

    /// <summary>Sets VER_FLG_WEAK on every requirement of <paramref name="version"/>; returns how many were changed.</summary>
    public static int MarkWeak(string path, string version)
    {
        var elf = File.ReadAllBytes(path);
        var changed = 0;
        foreach (var need in Read(elf, path).Where(n => n.Version == version && (n.Flags & WeakFlag) == 0))
        {
            BinaryPrimitives.WriteUInt16LittleEndian(elf.AsSpan((int)need.FlagsOffset), (ushort)(need.Flags | WeakFlag));
            changed++;
        }
        if (changed > 0)
            File.WriteAllBytes(path, elf);
        return changed;
    }

    private static void ReadVerneeds(byte[] elf, long offset, int count, long strOffset, List<VersionNeed> needs)
    {
        var span = elf.AsSpan();
        for (var n = 0; n < count; n++)
        {
            var vn = span[(int)offset..];
            int auxCount = BinaryPrimitives.ReadUInt16LittleEndian(vn[2..]);
            var file = ReadString(elf, strOffset + BinaryPrimitives.ReadUInt32LittleEndian(vn[4..]));
            long aux = offset + BinaryPrimitives.ReadUInt32LittleEndian(vn[8..]);
            for (var a = 0; a < auxCount; a++)
            {
                var va = span[(int)aux..];
                var flags = BinaryPrimitives.ReadUInt16LittleEndian(va[4..]);
                var name = ReadString(elf, strOffset + BinaryPrimitives.ReadUInt32LittleEndian(va[8..]));
                needs.Add(new VersionNeed(file, name, flags, aux + 4));
                aux += BinaryPrimitives.ReadUInt32LittleEndian(va[12..]);
            }
            uint next = BinaryPrimitives.ReadUInt32LittleEndian(vn[12..]);
            if (next == 0)
                break;
            offset += next;
        }
    }

    private static string ReadString(byte[] elf, long offset)
    {
        var end = Array.IndexOf(elf, (byte)0, (int)offset);
        return Encoding.ASCII.GetString(elf, (int)offset, end - (int)offset);
    }
}
