namespace Ensemble.Audio.Features;

/// <summary>Power spectrum of a real frame of even length N through one complex FFT of length N/2 (bins 0..N/2).</summary>
internal sealed class RealFft
{
    private readonly ComplexFft _half;
    private readonly double[] _cos;
    private readonly double[] _sin;

    public RealFft(int length)
    {
        if (length < 2 || length % 2 != 0)
            throw new ArgumentException($"real FFT length must be even and at least 2, got {length}", nameof(length));
        Length = length;
        _half = new ComplexFft(length / 2);
        var bins = (length / 2) + 1;
        _cos = new double[bins];
        _sin = new double[bins];
        for (var k = 0; k < bins; k++)
        {
            _cos[k] = Math.Cos(-2 * Math.PI * k / length);
            _sin[k] = Math.Sin(-2 * Math.PI * k / length);
        }
    }

    public int Length { get; }

    public int Bins => (Length / 2) + 1;

    /// <summary>Scratch the caller owns (one per thread): 4 × N/2 doubles.</summary>
    public double[] CreateScratch() => new double[2 * Length];

    /// <summary>|X[k]|^power for k = 0..N/2 of the real frame <paramref name="frame"/> (length N).</summary>
    public void Spectrum(ReadOnlySpan<double> frame, Span<double> spectrum, double power, double[] scratch)
    {
        var n = Length / 2;
        var zr = scratch.AsSpan(0, n);
        var zi = scratch.AsSpan(n, n);
        for (var j = 0; j < n; j++)
        {
            zr[j] = frame[2 * j];
            zi[j] = frame[(2 * j) + 1];
        }
        _half.Forward(zr, zi, scratch.AsSpan(2 * n, n), scratch.AsSpan(3 * n, n));
        for (var k = 0; k <= n; k++)
        {
            var a = k == n ? 0 : k;
            var b = k == 0 ? 0 : n - k;
            // Even part: (Z[k] + conj Z[n-k]) / 2; odd part: (Z[k] - conj Z[n-k]) / 2i.
            var er = 0.5 * (zr[a] + zr[b]);
            var ei = 0.5 * (zi[a] - zi[b]);
            var or = 0.5 * (zi[a] + zi[b]);
            var oi = -0.5 * (zr[a] - zr[b]);
            var xr = er + (_cos[k] * or) - (_sin[k] * oi);
            var xi = ei + (_cos[k] * oi) + (_sin[k] * or);
            var squared = (xr * xr) + (xi * xi);
            spectrum[k] = power == 2 ? squared : Math.Pow(squared, power / 2);
        }
    }
}
