namespace Ensemble.Audio.Decoding;

/// <summary>Where a parsed WAV file keeps its samples: the declared format and the byte range of the data chunk.</summary>
internal sealed record WavLayout(WavInfo Info, int DataOffset, int BytesPerSample)
{
    public int DataLength => checked((int)(Info.Frames * Info.Channels * BytesPerSample));
}
