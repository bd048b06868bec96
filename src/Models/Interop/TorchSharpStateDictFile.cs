using System.Runtime.InteropServices;
using System.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace Ensemble.Models.Interop;

/// <summary>
/// Reads and writes named float32/int64 tensors in TorchSharp's <c>Module.save</c> layout (also what TorchSharp's
/// exportsd.py writes from PyTorch): LEB128 entry count; per entry a LEB128-prefixed UTF-8 name, LEB128 scalar type,
/// LEB128 rank, LEB128 dims, raw little-endian data. Used for reference inputs/outputs exchanged with PyTorch.
/// </summary>
public static class TorchSharpStateDictFile
{
    private const long MaxElements = 1L << 32;

    public static Dictionary<string, Tensor> Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            var count = ReadLeb128(reader);
            for (long i = 0; i < count; i++)
            {
                var name = reader.ReadString();
                result[name] = ReadTensor(reader, path, name);
            }
        }
        catch (EndOfStreamException e)
        {
            foreach (var tensor in result.Values)
                tensor.Dispose();
            throw new StateDictFormatException(path, "truncated: the file ends inside an entry", e);
        }
        return result;
    }

    public static void Write(string path, IReadOnlyDictionary<string, Tensor> tensors)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(tensors);
        using var stream = File.Create(path);
        using var writer = new BinaryWriter(stream, Encoding.UTF8);
        WriteLeb128(writer, tensors.Count);
        foreach (var (name, tensor) in tensors)
        {
            writer.Write(name);
            WriteLeb128(writer, (long)tensor.dtype);
            WriteLeb128(writer, tensor.dim());
            foreach (var size in tensor.shape)
                WriteLeb128(writer, size);
            using var cpu = tensor.cpu().contiguous();
            switch (cpu.dtype)
            {
                case ScalarType.Float32:
                    writer.Write(MemoryMarshal.AsBytes(cpu.data<float>().ToArray().AsSpan()));
                    break;
                case ScalarType.Int64:
                    writer.Write(MemoryMarshal.AsBytes(cpu.data<long>().ToArray().AsSpan()));
                    break;
                default:
                    throw new ArgumentException($"tensor '{name}' has type {cpu.dtype}; only Float32 and Int64 are written", nameof(tensors));
            }
        }
    }

    private static Tensor ReadTensor(BinaryReader reader, string path, string name)
    {
        var type = (ScalarType)ReadLeb128(reader);
        var rank = ReadLeb128(reader);
        if (rank > 8)
            throw new StateDictFormatException(path, $"entry '{name}' claims rank {rank}");
        var shape = new long[rank];
        long elements = 1;
        for (var d = 0; d < rank; d++)
        {
            shape[d] = ReadLeb128(reader);
            elements *= shape[d];
            if (elements > MaxElements)
                throw new StateDictFormatException(path, $"entry '{name}' claims {elements} elements");
        }
        switch (type)
        {
            case ScalarType.Float32:
                return tensor(ReadArray<float>(reader, elements), shape);
            case ScalarType.Int64:
                return tensor(ReadArray<long>(reader, elements), shape);
            default:
                throw new StateDictFormatException(path, $"entry '{name}' has scalar type {type}; only Float32 and Int64 are read");
        }
    }

    private static T[] ReadArray<T>(BinaryReader reader, long elements) where T : struct
    {
        var values = new T[elements];
        reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan())); // EndOfStreamException when truncated
        return values;
    }

    private static long ReadLeb128(BinaryReader reader)
    {
        long value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = reader.ReadByte();
            value |= (long)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
                return value;
        }
        throw new InvalidDataException("LEB128 number longer than 64 bits");
    }

    private static void WriteLeb128(BinaryWriter writer, long value)
    {
        var v = (ulong)value;
        do
        {
            var b = (byte)(v & 0x7F);
            v >>= 7;
            writer.Write(v == 0 ? b : (byte)(b | 0x80));
        }
        while (v != 0);
    }
}
