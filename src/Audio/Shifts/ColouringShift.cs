using NWaves.Filters.Base64;

namespace Ensemble.Audio.Shifts;

/// <summary>
/// A microphone or loudspeaker colouring: a cascade of biquads (RBJ cookbook, run in double precision through NWaves'
/// IirFilter64, as the SoX effects are), designed per sample rate. The output keeps the clip's RMS level, so the
/// condition changes the spectrum's shape rather than the loudness (level is its own condition).
/// </summary>
public sealed class ColouringShift : IShift
{
    private readonly Func<int, IReadOnlyList<Augmentation.BiquadCoefficients>> _design;

    public ColouringShift(string name, string description, Func<int, IReadOnlyList<Augmentation.BiquadCoefficients>> design)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        ArgumentNullException.ThrowIfNull(design);
        Name = name;
        Description = description;
        _design = design;
    }

    public string Name { get; }
    public string Description { get; }

    public IReadOnlyList<Augmentation.BiquadCoefficients> Sections(int sampleRateHz) => _design(sampleRateHz);

    public float[] Apply(AudioClip clip, string clipId)
    {
        ArgumentNullException.ThrowIfNull(clip);
        var signal = clip.Samples.Select(s => (double)s).ToArray();
        foreach (var c in _design(clip.SampleRateHz))
        {
            var filter = new IirFilter64([c.B0, c.B1, c.B2], [1, c.A1, c.A2]);
            for (var i = 0; i < signal.Length; i++)
                signal[i] = filter.Process(signal[i]);
        }
        var inputPower = ShiftMath.MeanSquare(clip.Samples);
        var outputPower = signal.Length == 0 ? 0 : signal.Sum(v => v * v) / signal.Length;
        var gain = outputPower == 0 ? 0 : Math.Sqrt(inputPower / outputPower);
        for (var i = 0; i < signal.Length; i++)
            signal[i] *= gain;
        return ShiftMath.Clip(signal);
    }
}
