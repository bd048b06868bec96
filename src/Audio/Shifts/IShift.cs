namespace Ensemble.Audio.Shifts;

/// <summary>
/// One recording condition that training never applies (a room, a microphone, a level, background noise, a band limit,
/// a speed change), used to measure how well models hold up off their training distribution. Immutable: one condition
/// may run on many clips and threads, and the same (condition, clip id) always gives the same samples.
/// </summary>
public interface IShift
{
    /// <summary>A short, file-name-safe name, e.g. <c>noise-pink-10db</c>.</summary>
    string Name { get; }

    /// <summary>What the condition does, with its parameters.</summary>
    string Description { get; }

    /// <summary>Returns new samples at the clip's rate, within [-1, 1]; <paramref name="clipId"/> seeds any per-clip randomness.</summary>
    float[] Apply(AudioClip clip, string clipId);
}
