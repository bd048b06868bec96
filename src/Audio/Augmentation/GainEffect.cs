using System.Globalization;

namespace Ensemble.Audio.Augmentation;

/// <summary>
/// SoX's `gain [-h] [dB]`. With -h the effect also divides by the headroom that the effects after it
/// (up to the next gain) declare they may add, so e.g. `gain -h treble +20 bass +20` attenuates by 40 dB
/// and nothing later clips; SoX does this through each effect's start() dividing <c>in_signal.mult</c>.
/// </summary>
public sealed class GainEffect : ISoxEffect
{
    public GainEffect(double gainDb, bool makeHeadroom, double reclaimedHeadroom = 1)
    {
        if (!double.IsFinite(gainDb))
            throw new ArgumentException("gain must be finite", nameof(gainDb));
        if (!(reclaimedHeadroom >= 1) || !double.IsFinite(reclaimedHeadroom))
            throw new ArgumentException("headroom must be a finite factor >= 1", nameof(reclaimedHeadroom));
        if (!makeHeadroom && reclaimedHeadroom != 1)
            throw new ArgumentException("only `gain -h` reserves headroom", nameof(reclaimedHeadroom));
        GainDb = gainDb;
        MakeHeadroom = makeHeadroom;
        ReclaimedHeadroom = reclaimedHeadroom;
    }

    public double GainDb { get; }
    public bool MakeHeadroom { get; }

    /// <summary>The factor the following effects asked for (1 without -h).</summary>
    public double ReclaimedHeadroom { get; }

    /// <summary>The linear factor applied to every sample.</summary>
    public double Multiplier => Math.Pow(10, GainDb / 20) / ReclaimedHeadroom;

    // A gain effect starts a new headroom scope: earlier `gain -h` effects do not see past it.
    public double HeadroomFactor => 1;

    public GainEffect WithHeadroom(double reclaimedHeadroom) => new(GainDb, MakeHeadroom, reclaimedHeadroom);

    public float[] Apply(float[] samples, int sampleRateHz)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var multiplier = Multiplier;
        var output = new float[samples.Length];
        for (var i = 0; i < samples.Length; i++)
            output[i] = (float)Math.Clamp(samples[i] * multiplier, -1, 1);
        return output;
    }

    public string Describe() =>
        (MakeHeadroom ? "gain -h" : "gain") + (GainDb != 0 ? " " + GainDb.ToString(CultureInfo.InvariantCulture) : "");
}
