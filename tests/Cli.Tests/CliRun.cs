using Ensemble.Cli;

namespace Ensemble.Cli.Tests;

/// <summary>Runs the CLI in process and captures its exit code, standard output and standard error.</summary>
internal static class CliRun
{
    public static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await EnsembleCli.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
