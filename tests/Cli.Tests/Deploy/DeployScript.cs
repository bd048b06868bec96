using System.Diagnostics;
using Xunit.Abstractions;

namespace Ensemble.Cli.Tests.Deploy;

/// <summary>Runs a deploy/ script with bash and this build's CLI (ENSEMBLE_CLI): its exit code and standard output,
/// both streams logged; killed with its process tree when it outlives the limit (a hang, not a slow run).</summary>
internal static class DeployScript
{
    public static async Task<(int ExitCode, string Stdout)> RunAsync(string script, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string> environment, TimeSpan limit, ITestOutputHelper log)
    {
        var start = new ProcessStartInfo("bash", [DeployFolder.File(script), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment = { ["ENSEMBLE_CLI"] = typeof(EnsembleCli).Assembly.Location },
        };
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start bash");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using (var timeout = new CancellationTokenSource(limit))
        {
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{script} still running after {limit}: {await stdout} {await stderr}");
            }
        }
        var text = await stdout;
        log.WriteLine(text);
        log.WriteLine(await stderr);
        return (process.ExitCode, text);
    }
}
