using System.Buffers.Binary;
using Ensemble.Settings;

namespace Ensemble.Audio.Decoding;

/// <summary>
/// Walks the RIFF chunks of a WAVE file and validates the declared format against the bytes actually present.
/// Every size is checked against the file before anything is allocated from it.
/// </summary>
internal static class RiffWaveParser
{
    private const ushort FormatPcm = 0x0001;
    private const ushort FormatIeeeFloat = 0x0003;
    private const ushort FormatExtensible = 0xFFFE;
    private const int ChunkHeaderBytes = 8;
    private const int MinFmtBytes = 16;
    private const int ExtensibleFmtBytes = 40;

    // KSDATAFORMAT_SUBTYPE_* GUIDs share these bytes after the 2-byte format code (and 2 zero bytes).
    private static ReadOnlySpan<byte> SubFormatGuidTail =>
        [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];

    private static readonly Dictionary<int, string> KnownUnsupportedCodecs = new()
    {
        [0x0002] = "Microsoft ADPCM",
        [0x0006] = "A-law",
        [0x0007] = "mu-law",
        [0x0011] = "IMA ADPCM",
        [0x0031] = "GSM 6.10",
        [0x0050] = "MPEG audio",
        [0x0055] = "MPEG Layer 3 (MP3)",
        [0x0092] = "Dolby AC-3",
        [0x00FF] = "AAC",
        [0x0161] = "Windows Media Audio",
        [0x1610] = "HE-AAC",
        [0x2000] = "Dolby AC-3",
        [0xF1AC] = "FLAC",
    };

    public static WavLayout Parse(ReadOnlySpan<byte> bytes, string source, WavDecoderOptions options)
    {
        if (bytes.Length == 0)
            throw new AudioFormatException(source, "the file is empty");
        if (bytes.Length < 4 || !bytes[..4].SequenceEqual("RIFF"u8))
            throw new AudioFormatException(source, bytes.Length >= 4 && bytes[..4].SequenceEqual("RIFX"u8)
                ? "big-endian RIFX files are not supported"
                : "not a RIFF file (the first four bytes are not 'RIFF')");
        if (bytes.Length < 12)
            throw new AudioFormatException(source, $"truncated header: {bytes.Length} bytes, a RIFF/WAVE header needs 12");
        if (!bytes[8..12].SequenceEqual("WAVE"u8))
            throw new AudioFormatException(source, "a RIFF file but not WAVE (form type is not 'WAVE')");

        // The RIFF size is often wrong in the wild; it only bounds the walk when it is consistent with the file.
        var riffSize = BinaryPrimitives.ReadUInt32LittleEndian(bytes[4..8]);
        var end = riffSize >= 4 && riffSize + 8L <= bytes.Length ? (int)(riffSize + 8) : bytes.Length;

        var fmtOffset = -1;
        var fmtSize = 0;
        var dataOffset = -1;
        long dataSize = 0;
        var position = 12;
        while (position < end)
        {
            if (end - position < ChunkHeaderBytes)
                throw new AudioFormatException(source, $"truncated chunk header at byte {position} ({end - position} bytes left, 8 needed)");
            var id = bytes.Slice(position, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(bytes.Slice(position + 4, 4));
            var bodyOffset = position + ChunkHeaderBytes;
            if (id.SequenceEqual("data"u8))
            {
                if (size > bytes.Length - (long)bodyOffset)
                    throw new AudioFormatException(source, $"the data chunk declares {size} bytes but only {bytes.Length - bodyOffset} remain in the file");
                if (dataOffset < 0)
                {
                    dataOffset = bodyOffset;
                    dataSize = size;
                }
            }
            else if (size > end - (long)bodyOffset)
            {
                throw new AudioFormatException(source, $"the '{ChunkName(id)}' chunk at byte {position} declares {size} bytes but only {end - bodyOffset} remain");
            }
            else if (id.SequenceEqual("fmt "u8) && fmtOffset < 0)
            {
                fmtOffset = bodyOffset;
                fmtSize = (int)size;
            }
            // LIST, fact, bext, junk, cue and any other chunk are skipped; chunks are padded to an even size.
            position = (int)Math.Min(end, bodyOffset + (long)size + (size & 1));
        }

        if (fmtOffset < 0)
            throw new AudioFormatException(source, "truncated header: no 'fmt ' chunk");
        if (fmtSize < MinFmtBytes)
            throw new AudioFormatException(source, $"truncated header: the 'fmt ' chunk has {fmtSize} bytes, at least 16 are needed");
        if (dataOffset < 0)
            throw new AudioFormatException(source, "no 'data' chunk");

        var fmt = bytes.Slice(fmtOffset, fmtSize);
        var (sampleFormat, extensible) = ReadCodec(fmt, source);
        var channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..4]);
        var sampleRate = BinaryPrimitives.ReadUInt32LittleEndian(fmt[4..8]);
        var blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(fmt[12..14]);
        var bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..16]);

        if (channels == 0)
            throw new AudioFormatException(source, "the format declares zero channels");
        if (channels > WavDecoderOptions.MaxChannels)
            throw new AudioFormatException(source, $"{channels} channels; at most {WavDecoderOptions.MaxChannels} are supported");
        if (sampleRate == 0)
            throw new AudioFormatException(source, "the format declares a sample rate of zero");
        if (sampleRate < WavDecoderOptions.MinSampleRateHz || sampleRate > WavDecoderOptions.MaxSampleRateHz)
            throw new AudioFormatException(source, $"sample rate {sampleRate} Hz is outside the supported {WavDecoderOptions.MinSampleRateHz}..{WavDecoderOptions.MaxSampleRateHz} Hz");

        var bytesPerSample = (bits + 7) / 8;
        var supportedWidth = sampleFormat == WavSampleFormat.Pcm ? bits is >= 8 and <= 32 : bits is 32 or 64;
        if (!supportedWidth)
            throw new AudioFormatException(source, $"{bits}-bit {(sampleFormat == WavSampleFormat.Pcm ? "PCM" : "IEEE float")} is not supported");
        if (blockAlign != channels * bytesPerSample)
            throw new AudioFormatException(source, $"block align {blockAlign} does not match {channels} channels of {bytesPerSample} bytes");
        if (dataSize % blockAlign != 0)
            throw new AudioFormatException(source, $"the data chunk holds {dataSize} bytes, not a whole number of {blockAlign}-byte frames");

        var frames = dataSize / blockAlign;
        if (frames == 0)
            throw new AudioFormatException(source, "the data chunk holds no samples");
        var duration = (double)frames / sampleRate;
        if (duration > options.MaxDurationSeconds)
            throw new AudioFormatException(source, $"the clip lasts {duration:0.###} s, longer than the {options.MaxDurationSeconds:0.###} s limit");

        var info = new WavInfo(sampleFormat, extensible, bits, channels, (int)sampleRate, frames);
        return new WavLayout(info, dataOffset, bytesPerSample);
    }

    private static (WavSampleFormat Format, bool Extensible) ReadCodec(ReadOnlySpan<byte> fmt, string source)
    {
        var tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt[..2]);
        if (tag != FormatExtensible)
            return (ToSampleFormat(tag, source, ""), false);
        if (fmt.Length < ExtensibleFmtBytes)
            throw new AudioFormatException(source, $"truncated header: WAVE_FORMAT_EXTENSIBLE needs a 40-byte 'fmt ' chunk, this one has {fmt.Length}");
        var subFormat = fmt.Slice(24, 16);
        if (!subFormat[2..].SequenceEqual(SubFormatGuidTail))
            throw new AudioFormatException(source, "unsupported codec: WAVE_FORMAT_EXTENSIBLE with a non-standard sub-format GUID");
        return (ToSampleFormat(BinaryPrimitives.ReadUInt16LittleEndian(subFormat[..2]), source, " inside WAVE_FORMAT_EXTENSIBLE"), true);
    }

    private static WavSampleFormat ToSampleFormat(ushort tag, string source, string context) => tag switch
    {
        FormatPcm => WavSampleFormat.Pcm,
        FormatIeeeFloat => WavSampleFormat.IeeeFloat,
        _ => throw new AudioFormatException(source, KnownUnsupportedCodecs.TryGetValue(tag, out var name)
            ? $"unsupported codec: {name} (format tag 0x{tag:X4}){context}; only PCM and IEEE float are read"
            : $"unsupported codec: format tag 0x{tag:X4}{context}; only PCM and IEEE float are read"),
    };

    private static string ChunkName(ReadOnlySpan<byte> id)
    {
        Span<char> chars = stackalloc char[4];
        for (var i = 0; i < 4; i++)
            chars[i] = id[i] is >= 0x20 and < 0x7F ? (char)id[i] : '?';
        return new string(chars);
    }
}
