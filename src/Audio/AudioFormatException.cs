namespace Ensemble.Audio;

/// <summary>Bad or unsupported audio input; the message always names the file and the problem.</summary>
public sealed class AudioFormatException : Exception
{
    public AudioFormatException(string file, string problem)
        : base($"{file}: {problem}")
    {
        File = file;
        Problem = problem;
    }

    public AudioFormatException(string file, string problem, Exception inner)
        : base($"{file}: {problem}", inner)
    {
        File = file;
        Problem = problem;
    }

    public string File { get; }
    public string Problem { get; }
}
