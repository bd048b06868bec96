namespace Ensemble.Audio.Augmentation;

/// <summary>One SoX effect on mono audio: immutable, so one chain may run on many clips and threads.</summary>
public interface ISoxEffect
{
    /// <summary>The effect as SoX would print it back (name and the arguments in force).</summary>
    string Describe();

    /// <summary>
    /// The linear gain this effect may add, which a preceding `gain -h` attenuates in advance
    /// (SoX's <c>in_signal.mult</c> division in each effect's start).
    /// </summary>
    double HeadroomFactor { get; }

    /// <summary>Returns a new array; samples outside [-1, 1] are clipped, as SoX's integer pipeline does.</summary>
    float[] Apply(float[] samples, int sampleRateHz);
}
