namespace Ensemble.Audio.Augmentation;

/// <summary>
/// An effect of a valid chain refused one clip (e.g. `fade 2 0` on a clip shorter than the fades): names the chain,
/// the effect, the clip and the problem; the effect's own exception is the inner one.
/// </summary>
public sealed class SoxEffectException : Exception
{
    public SoxEffectException(string chain, string effect, string clip, string problem, Exception inner)
        : base($"{clip}: sox '{chain}': {effect}: {problem}", inner)
    {
        Chain = chain;
        Effect = effect;
        Clip = clip;
        Problem = problem;
    }

    public string Chain { get; }
    public string Effect { get; }
    public string Clip { get; }
    public string Problem { get; }
}
