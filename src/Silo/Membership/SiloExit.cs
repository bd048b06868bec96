namespace Ensemble.Silo.Membership;

/// <summary>
/// Why this silo stopped itself, if it did: the host's caller (`ensemble silo`) prints the reason as one line and
/// exits with <see cref="ExitCode"/>, so a supervisor (systemd's Restart=on-failure) starts it again.
/// </summary>
public sealed class SiloExit
{
    /// <summary>EX_TEMPFAIL (sysexits.h): a temporary failure, worth a restart.</summary>
    public const int ExitCode = 75;

    private string? _reason;

    public string? Reason => Volatile.Read(ref _reason);

    public void Request(string reason) => Interlocked.CompareExchange(ref _reason, reason, null);
}
