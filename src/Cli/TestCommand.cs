using System.CommandLine;

namespace Ensemble.Cli;

/// <summary>`ensemble test` is run by the ./ensemble script (it builds and tests the whole solution); listed here for --help.</summary>
internal static class TestCommand
{
    public static Command Create()
    {
        var filter = new Option<string?>("--filter") { Description = "dotnet test filter expression (e.g. FullyQualifiedName~Audio)" };
        var command = new Command("test", "Install what the tests need, build the solution and run every test (what CI runs).") { filter };
        command.SetAction(parse =>
        {
            parse.InvocationConfiguration.Error.WriteLine("ensemble: 'test' is run by the ./ensemble script at the repository root: ./ensemble test");
            return EnsembleCli.UsageExitCode;
        });
        return command;
    }
}
