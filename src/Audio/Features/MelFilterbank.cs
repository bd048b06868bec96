using Ensemble.Settings;
namespace Ensemble.Audio.Features;

/// <summary>
/// Triangular mel filters as torchaudio's melscale_fbanks builds them (bin frequencies linspace(0, sr // 2, n_fft/2 + 1)),
/// stored sparsely: each filter keeps only its contiguous run of non-zero weights.
/// </summary>
internal sealed class MelFilterbank
{
    private readonly int[] _firstBin;
    private readonly double[][] _weights;

    public MelFilterbank(LogMelOptions options)
    {
        var bins = (options.FftLengthSamples / 2) + 1;
        var nyquist = (double)(options.SampleRateHz / 2); // integer division, as torchaudio
        var binHz = new double[bins];
        for (var k = 0; k < bins; k++)
            binHz[k] = nyquist * k / (bins - 1);

        var bands = options.MelBands;
        var edgesHz = MelBandEdges.EdgesHz(options);

        _firstBin = new int[bands];
        _weights = new double[bands][];
        var row = new double[bins];
        for (var m = 0; m < bands; m++)
        {
            double lower = edgesHz[m], centre = edgesHz[m + 1], upper = edgesHz[m + 2];
            var norm = options.MelNorm == MelNorm.Slaney ? 2 / (upper - lower) : 1;
            int first = -1, last = -1;
            for (var k = 0; k < bins; k++)
            {
                var rising = (binHz[k] - lower) / (centre - lower);
                var falling = (upper - binHz[k]) / (upper - centre);
                row[k] = Math.Max(0, Math.Min(rising, falling)) * norm;
                if (row[k] > 0)
                {
                    if (first < 0)
                        first = k;
                    last = k;
                }
            }
            // A filter narrower than one bin has no weight (torchaudio warns and keeps an all-zero row).
            _firstBin[m] = Math.Max(first, 0);
            _weights[m] = first < 0 ? [] : row[first..(last + 1)];
        }
        Bands = bands;
    }

    public int Bands { get; }

    /// <summary>Weight of FFT bin <paramref name="bin"/> in filter <paramref name="band"/> (dense view, for tests).</summary>
    public double Weight(int band, int bin)
    {
        var offset = bin - _firstBin[band];
        return offset >= 0 && offset < _weights[band].Length ? _weights[band][offset] : 0;
    }

    public void Apply(ReadOnlySpan<double> spectrum, Span<double> mel)
    {
        for (var m = 0; m < _weights.Length; m++)
        {
            var weights = _weights[m];
            var bins = spectrum.Slice(_firstBin[m], weights.Length);
            double sum = 0;
            for (var j = 0; j < weights.Length; j++)
                sum += weights[j] * bins[j];
            mel[m] = sum;
        }
    }
}
