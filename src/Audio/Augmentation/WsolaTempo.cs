using System.Numerics;

namespace Ensemble.Audio.Augmentation;

// Written by hand: NWaves' WSOLA overlap-adds Hann windows found by cross-correlation; SoX's tempo cross-fades
// linearly at the least-squares position with its own segment/search/overlap sizes, so it is rebuilt here.
/// <summary>
/// SoX's `tempo` (time stretch without pitch change) on mono audio: fixed-length segments are taken from
/// the input at a stride of factor × (segment − overlap), each placed where it best matches (least squares)
/// the previous segment's tail within a search window, and joined by a linear cross-fade.
/// </summary>
internal sealed class WsolaTempo
{
    private readonly double _factor;
    private readonly int _segment;
    private readonly int _search;
    private readonly int _overlap;

    public WsolaTempo(int sampleRateHz, double factor, double segmentMs, double searchMs, double overlapMs)
    {
        _factor = factor;
        _segment = (int)(sampleRateHz * segmentMs / 1000 + 0.5);
        _search = (int)(sampleRateHz * searchMs / 1000 + 0.5);
        // tempo.c rounds the overlap to a multiple of 8 (its loop unrolling) and keeps it at most half a segment.
        var overlap = Math.Max((int)(sampleRateHz * overlapMs / 1000 + 4.5), 16) & ~7;
        if (overlap * 2 > _segment)
            overlap -= 8;
        _overlap = overlap;
    }

    public int SegmentSamples => _segment;
    public int SearchSamples => _search;
    public int OverlapSamples => _overlap;

    public float[] Process(float[] samples)
    {
        // SoX flushes with silence until it has emitted round(input / factor) samples.
        var target = (long)(samples.Length / _factor + 0.5);
        var output = new float[target + _segment];
        if (target == 0)
            return [];
        var lead = _search / 2; // tempo.c primes its input with search/2 zeros
        float Input(long position)
        {
            var i = position - lead;
            return i >= 0 && i < samples.Length ? samples[i] : 0f;
        }

        var tail = new float[_overlap];
        var window = new float[_search + _segment];
        long read = 0, written = 0, segments = 0, skipTotal = 0;
        while (written < target)
        {
            for (var i = 0; i < window.Length; i++)
                window[i] = Input(read + i);
            int offset;
            if (segments == 0)
            {
                offset = _search / 2;
                Array.Copy(window, offset, output, written, _overlap);
            }
            else
            {
                offset = BestOverlapPosition(window, tail);
                var step = 1f / _overlap;
                for (var i = 0; i < _overlap; i++)
                {
                    var fadeIn = step * i;
                    output[written + i] = tail[i] * (1f - fadeIn) + window[offset + i] * fadeIn;
                }
            }
            var middle = _segment - 2 * _overlap;
            Array.Copy(window, offset + _overlap, output, written + _overlap, middle);
            Array.Copy(window, offset + _segment - _overlap, tail, 0, _overlap);
            written += _overlap + middle;
            var skip = (long)(_factor * (++segments * (long)(_segment - _overlap)) + 0.5) - skipTotal;
            skipTotal += skip;
            read += skip;
        }
        return output.AsSpan(0, (int)target).ToArray();
    }

    /// <summary>tempo.c's linear search: the first position with the least summed squared difference.</summary>
    private int BestOverlapPosition(float[] window, float[] tail)
    {
        var best = 0;
        var least = float.MaxValue;
        for (var position = 0; position < _search; position++)
        {
            var difference = SquaredDistance(window.AsSpan(position, _overlap), tail);
            if (difference < least)
            {
                least = difference;
                best = position;
            }
        }
        return best;
    }

    private static float SquaredDistance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = Vector<float>.Zero;
        var i = 0;
        for (; i <= a.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            var d = new Vector<float>(a[i..]) - new Vector<float>(b[i..]);
            sum += d * d;
        }
        var total = Vector.Sum(sum);
        for (; i < a.Length; i++)
            total += (a[i] - b[i]) * (a[i] - b[i]);
        return total;
    }
}
