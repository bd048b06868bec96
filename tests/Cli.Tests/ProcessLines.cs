using System.Diagnostics;
using System.Threading.Channels;

namespace Ensemble.Cli.Tests;

/// <summary>
/// A started process whose standard output is read line by line as it comes (standard error is drained too, so the
/// process never blocks on a full pipe): tests wait for a line that says something happened.
/// </summary>
internal sealed class ProcessLines : IDisposable
{
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly Task<string> _stderr;

    public ProcessLines(string file, string arguments)
    {
        Process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })
            ?? throw new InvalidOperationException($"cannot start {file}");
        _stderr = Process.StandardError.ReadToEndAsync();
        _ = PumpAsync();
    }

    public Process Process { get; }

    /// <summary>The first line from here on that satisfies <paramref name="match"/>; fails when the process exits first
    /// or nothing matches within <paramref name="timeout"/>.</summary>
    public async Task<string> WaitForAsync(Func<string, bool> match, TimeSpan timeout, string what)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await foreach (var line in _lines.Reader.ReadAllAsync(cancel.Token))
            {
                if (match(line))
                    return line;
            }
        }
        catch (OperationCanceledException e)
        {
            throw new TimeoutException($"no line with {what} within {timeout}", e);
        }
        throw new InvalidOperationException($"process exited before a line with {what}: {await _stderr}");
    }

    private async Task PumpAsync()
    {
        while (await Process.StandardOutput.ReadLineAsync() is { } line)
            await _lines.Writer.WriteAsync(line);
        _lines.Writer.Complete();
    }

    public void Dispose() => Process.Dispose();
}
