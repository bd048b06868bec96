namespace Ensemble.Client;

/// <summary>A clip that was not tagged: the kind, a one-line reason (the error's type and message) and the calls made.</summary>
public sealed record TagFailure(TagFailureKind Kind, string Reason, int Attempts)
{
    /// <summary>"refused: AudioFormatException: x.wav: not a RIFF file (1 attempt)".</summary>
    public override string ToString() => $"{KindName(Kind)}: {Reason} ({Attempts} attempt{(Attempts == 1 ? "" : "s")})";

    /// <summary>The kind as the CLI's summary writes it.</summary>
    public static string KindName(TagFailureKind kind) => kind switch
    {
        TagFailureKind.Unreadable => "unreadable",
        TagFailureKind.TooLarge => "too large",
        TagFailureKind.Refused => "refused",
        TagFailureKind.Unavailable => "unavailable",
        TagFailureKind.TimedOut => "timed out",
        TagFailureKind.Overloaded => "overloaded",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown failure kind"),
    };
}
