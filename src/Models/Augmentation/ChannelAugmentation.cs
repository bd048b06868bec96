using Ensemble.Audio.Crops;
using Ensemble.Audio.Features;
using Ensemble.Settings;

namespace Ensemble.Models.Augmentation;

/// <summary>
/// Recording-channel augmentation of one log-mel crop in dB, before it is standardised: colouring (FilterAugment
/// linear), band limiting and additive noise (see <see cref="ChannelAugmentationOptions"/>). It works on the dB values
/// training crops are made of, so it needs no audio: a gain is an added dB curve over the bands, a band limit an
/// attenuation floored at the crop's quietest value (where the log-mel's top_db floor puts missing energy), and noise
/// is added in the power domain with each band's frame-to-frame fluctuation (an average over its FFT bins of
/// exponentially distributed powers, approximated log-normally with its mean kept). Each step draws from its own stream,
/// so turning one off leaves the others' draws as they were.
/// </summary>
public sealed class ChannelAugmentation
{
    // The standard deviation of 10·log10 of an exponential variable (one FFT bin of noise): 10/ln 10 · π/√6 dB.
    private static readonly double SingleBinNoiseSpreadDb = 10 / Math.Log(10) * Math.PI / Math.Sqrt(6);
    private const double NoiseTiltReferenceHz = 1000;

    private readonly ChannelAugmentationOptions _options;
    private readonly double[] _centresHz;
    private readonly double[] _noiseSpreadDb;
    private readonly AugmentationRandom _equalizer;
    private readonly AugmentationRandom _bandLimit;
    private readonly AugmentationRandom _noise;
    private readonly double[] _gainDb;
    private readonly double[] _noiseDb;

    public ChannelAugmentation(ChannelAugmentationOptions options, LogMelOptions logMel, int seed)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logMel);
        _options = options;
        _centresHz = MelBandEdges.CentresHz(logMel);
        _noiseSpreadDb = [.. MelBandEdges.BinsPerBand(logMel).Select(bins => SingleBinNoiseSpreadDb / Math.Sqrt(bins))];
        var seeds = SplitMixRandom.FromSeed(seed);
        _equalizer = new AugmentationRandom(seeds.Next());
        _bandLimit = new AugmentationRandom(seeds.Next());
        _noise = new AugmentationRandom(seeds.Next());
        _gainDb = new double[logMel.MelBands];
        _noiseDb = new double[logMel.MelBands];
    }

    public int MelBands => _centresHz.Length;

    /// <summary>Augments one crop [mel bands × frames] of dB values in place, band-major as the crop sampler writes it.</summary>
    public void Apply(Span<float> crop)
    {
        if (crop.Length == 0 || crop.Length % MelBands != 0)
            throw new ArgumentException($"A crop of {MelBands} mel bands needs a positive multiple of {MelBands} values, got {crop.Length}", nameof(crop));
        var frames = crop.Length / MelBands;
        Array.Clear(_gainDb);
        var equalize = _equalizer.Bernoulli(_options.EqualizerProbability);
        if (equalize)
            AddEqualizerCurve();
        var limit = _bandLimit.Bernoulli(_options.BandLimitProbability);
        if (limit)
            AddBandLimit();
        if (equalize || limit)
            ApplyGains(crop, frames);
        if (_noise.Bernoulli(_options.NoiseProbability))
            AddNoise(crop, frames);
    }

    private void AddEqualizerCurve()
    {
        var inner = _equalizer.Integer(_options.EqualizerMinBoundaries, _options.EqualizerMaxBoundaries + 1);
        var positions = new int[inner + 2];
        positions[^1] = MelBands - 1;
        for (var i = 1; i <= inner; i++)
            positions[i] = _equalizer.Integer(0, MelBands);
        Array.Sort(positions);
        var gains = new double[positions.Length];
        for (var i = 0; i < gains.Length; i++)
            gains[i] = _equalizer.Uniform(-_options.EqualizerMaxGainDb, _options.EqualizerMaxGainDb);
        for (var segment = 0; segment + 1 < positions.Length; segment++)
        {
            int from = positions[segment], to = positions[segment + 1];
            for (var m = from; m <= to; m++)
                _gainDb[m] = to == from ? gains[segment + 1] : gains[segment] + ((gains[segment + 1] - gains[segment]) * (m - from) / (to - from));
        }
    }

    private void AddBandLimit()
    {
        var lowPassHz = LogUniform(_bandLimit, _options.LowPassMinHz, _options.LowPassMaxHz);
        var lowPassSlope = _bandLimit.Uniform(_options.MinSlopeDbPerOctave, _options.MaxSlopeDbPerOctave);
        var highPass = _bandLimit.Bernoulli(_options.HighPassProbability);
        var highPassHz = LogUniform(_bandLimit, _options.HighPassMinHz, _options.HighPassMaxHz);
        var highPassSlope = _bandLimit.Uniform(_options.MinSlopeDbPerOctave, _options.MaxSlopeDbPerOctave);
        for (var m = 0; m < MelBands; m++)
        {
            var centre = _centresHz[m];
            if (centre > lowPassHz)
                _gainDb[m] -= lowPassSlope * Math.Log2(centre / lowPassHz);
            if (highPass && centre < highPassHz)
                _gainDb[m] -= highPassSlope * Math.Log2(highPassHz / Math.Max(centre, 1));
        }
    }

    private void ApplyGains(Span<float> crop, int frames)
    {
        var floor = Min(crop);
        for (var m = 0; m < MelBands; m++)
        {
            var row = crop.Slice(m * frames, frames);
            for (var t = 0; t < frames; t++)
                row[t] = (float)Math.Max(row[t] + _gainDb[m], floor);
        }
    }

    private void AddNoise(Span<float> crop, int frames)
    {
        var snrDb = _noise.Uniform(_options.NoiseMinSnrDb, _options.NoiseMaxSnrDb);
        var tilt = _noise.Uniform(_options.NoiseMinTiltDbPerOctave, _options.NoiseMaxTiltDbPerOctave);
        double signalPower = 0;
        foreach (var value in crop)
            signalPower += DbToPower(value);
        signalPower /= crop.Length;
        // The noise's mean power over bands and frames is the crop's mean power less the SNR.
        double shapePower = 0;
        for (var m = 0; m < MelBands; m++)
        {
            _noiseDb[m] = tilt * Math.Log2(Math.Max(_centresHz[m], 1) / NoiseTiltReferenceHz);
            shapePower += DbToPower(_noiseDb[m]);
        }
        var offsetDb = (10 * Math.Log10(signalPower * MelBands / shapePower)) - snrDb;
        for (var m = 0; m < MelBands; m++)
        {
            var spread = _noiseSpreadDb[m];
            // A log-normal's mean exceeds exp(μ) by exp(σ²/2): lower μ so the band's mean noise power stays as set.
            var meanDb = _noiseDb[m] + offsetDb - (spread * spread * Math.Log(10) / 20);
            var row = crop.Slice(m * frames, frames);
            for (var t = 0; t < frames; t++)
            {
                var noise = DbToPower(meanDb + (spread * _noise.Normal()));
                row[t] = (float)(10 * Math.Log10(DbToPower(row[t]) + noise));
            }
        }
    }

    private static double LogUniform(AugmentationRandom random, double min, double max) =>
        Math.Exp(random.Uniform(Math.Log(min), Math.Log(max)));

    private static double DbToPower(double db) => Math.Pow(10, db / 10);

    private static float Min(ReadOnlySpan<float> values)
    {
        var min = float.PositiveInfinity;
        foreach (var value in values)
            min = Math.Min(min, value);
        return min;
    }
}
