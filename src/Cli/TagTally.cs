using System.Globalization;
using Ensemble.Client;

namespace Ensemble.Cli;

/// <summary>What a `tag` batch did: clips tagged (with their latencies and partial answers), clips failed by kind, and
/// whether Ctrl-C or SIGTERM stopped it; its summary line and exit status.</summary>
internal sealed class TagTally
{
    private readonly List<double> _latenciesMs = [];
    private readonly Dictionary<TagFailureKind, int> _failures = [];
    private int _partial;

    public int Tagged => _latenciesMs.Count;
    public int Failed => _failures.Values.Sum();
    public bool Cancelled { get; set; }

    /// <summary>130 when stopped, 1 when any clip failed, else 0.</summary>
    public int ExitCode => Cancelled ? TagCommand.CancelledExitCode : Failed > 0 ? 1 : 0;

    public void Add(TagOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Result is { } result)
        {
            _latenciesMs.Add(result.TotalMs);
            if (result.IsPartial)
                _partial++;
        }
        else
            _failures[outcome.Failure!.Kind] = _failures.GetValueOrDefault(outcome.Failure.Kind) + 1;
    }

    /// <summary>"3 tagged, 1 failed (1 unreadable); latency p50 … ms, p99 … ms, 0 partial; wrote OUT (3 rows)".</summary>
    public string Summary(int clips, string? csvPath)
    {
        var reasons = Failed == 0 ? "" : $" ({string.Join(", ", _failures.OrderBy(p => p.Key).Select(p => $"{p.Value} {TagFailure.KindName(p.Key)}"))})";
        var stopped = Cancelled ? $", {clips - Tagged - Failed} not tagged (stopped by a signal)" : "";
        var sorted = _latenciesMs.Order().ToArray();
        var latency = sorted.Length == 0 ? "" : string.Create(CultureInfo.InvariantCulture,
            $"; latency p50 {TagCommand.Percentile(sorted, 0.5):F1} ms, p99 {TagCommand.Percentile(sorted, 0.99):F1} ms, {_partial} partial");
        var csv = csvPath is null ? "" : $"; wrote {csvPath} ({Tagged} rows)";
        return $"{Tagged} tagged, {Failed} failed{reasons}{stopped}{latency}{csv}";
    }
}
