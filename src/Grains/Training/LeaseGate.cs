namespace Ensemble.Grains.Training;

/// <summary>
/// A trainer's own view of its lease on one job: valid until <see cref="TrainingOptions.Lease"/> after the last
/// renewal (an accepted report, a heartbeat, a confirmed commit), on the options' clock. Before every checkpoint the
/// trainer asks <see cref="Refusal"/>: a lapsed lease or a refused report stops the write without asking anyone (a
/// trainer cut off from the cluster cannot ask); otherwise the coordinator must confirm the token.
/// </summary>
public sealed class LeaseGate
{
    private readonly TimeProvider _clock;
    private readonly TimeSpan _lease;
    private readonly Lock _lock = new();
    private DateTimeOffset _validUntil;
    private string? _lost;

    public LeaseGate(TimeProvider clock, TimeSpan lease)
    {
        ArgumentNullException.ThrowIfNull(clock);
        _clock = clock;
        _lease = lease;
        _validUntil = clock.GetUtcNow() + lease;
    }

    public void Renew()
    {
        lock (_lock)
            _validUntil = _clock.GetUtcNow() + _lease;
    }

    /// <summary>The coordinator refused a report: the job belongs to someone else now.</summary>
    public void MarkLost(string reason)
    {
        lock (_lock)
            _lost ??= reason;
    }

    public bool IsLost
    {
        get
        {
            lock (_lock)
                return _lost is not null;
        }
    }

    /// <summary>Null when the trainer may commit (then the lease is renewed), else why not.</summary>
    public string? Refusal(Func<bool> coordinatorConfirms)
    {
        ArgumentNullException.ThrowIfNull(coordinatorConfirms);
        DateTimeOffset validUntil;
        lock (_lock)
        {
            if (_lost is not null)
                return _lost;
            validUntil = _validUntil;
        }
        var now = _clock.GetUtcNow();
        if (now >= validUntil)
            return $"the lease lapsed at {validUntil:O} (now {now:O}) without a renewal";
        if (!coordinatorConfirms())
            return "the coordinator did not confirm this token (stale, or the coordinator is unreachable)";
        Renew();
        return null;
    }
}
