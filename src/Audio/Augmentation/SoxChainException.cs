namespace Ensemble.Audio.Augmentation;

/// <summary>An effects chain SoX syntax this implementation does not accept; <see cref="Word"/> is the offending word.</summary>
public sealed class SoxChainException : ArgumentException
{
    public SoxChainException(string word, string problem, Exception? inner = null)
        : base($"'{word}': {problem}", inner)
    {
        Word = word;
        Problem = problem;
    }

    public string Word { get; }
    public string Problem { get; }
}
