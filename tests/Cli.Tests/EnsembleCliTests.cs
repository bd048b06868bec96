using Ensemble.Cli;

namespace Ensemble.Cli.Tests;

public sealed class EnsembleCliTests
{
    private static Task<(int Code, string Out, string Err)> RunAsync(params string[] args) => CliRun.RunAsync(args);

    [Fact]
    public async Task HelpListsEveryCommand()
    {
        var (code, output, _) = await RunAsync("--help");
        Assert.Equal(0, code);
        foreach (var command in EnsembleCli.Build().Subcommands)
            Assert.Contains(command.Name, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryCommandHasHelpAndEveryOptionWithADefaultShowsIt()
    {
        foreach (var command in EnsembleCli.Build().Subcommands)
        {
            var (code, output, _) = await RunAsync(command.Name, "--help");
            Assert.Equal(0, code);
            foreach (var option in command.Options.Where(o => !o.Hidden && o.Name != "--help" && o.Name != "-h"))
            {
                Assert.Contains(option.Name, output, StringComparison.Ordinal);
                if (option.HasDefaultValue)
                    Assert.Contains("default", output, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    [Theory]
    [InlineData("no-such-command")]
    [InlineData("info", "--no-such-option")]
    public async Task UnknownWordsExitTwoWithOneLine(params string[] args)
    {
        var (code, output, error) = await RunAsync(args);
        Assert.Equal(EnsembleCli.UsageExitCode, code);
        Assert.Equal(string.Empty, output);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains(args[^1], error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InfoReportsTheNativeStack()
    {
        var (code, output, _) = await RunAsync("info");
        Assert.Equal(0, code);
        Assert.Contains("libtorch 2.10", output, StringComparison.Ordinal);
        Assert.Contains("CPUExecutionProvider", output, StringComparison.Ordinal);
    }
}
