using System.CommandLine;

namespace Ensemble.Cli;

/// <summary>The `ensemble` command line: every command is one file under Cli/Commands and one line below.</summary>
internal static class EnsembleCli
{
    public const int UsageExitCode = 2;

    public static RootCommand Build()
    {
        var root = new RootCommand("Ensemble: train and serve the FAT2019 7th-place audio-tagging ensemble.");
        Command[] commands =
        [
            AudioInfoCommand.Create(), AugmentCommand.Create(), DemoCommand.Create(), EvalCommand.Create(), ExportOnnxCommand.Create(),
            FeaturesCommand.Create(), InfoCommand.Create(), ModelInfoCommand.Create(), PredictCommand.Create(), ShiftCommand.Create(), SiloCommand.Create(),
            TagCommand.Create(), Load.LoadCommand.Create(), TestCommand.Create(), TrainCommand.Create(), JobsCommand.Create(), CancelCommand.Create(),
        ];
        foreach (var command in commands.OrderBy(c => c.Name, StringComparer.Ordinal))
            root.Subcommands.Add(command);
        return root;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = Build();
        var parse = root.Parse(args.Length == 0 ? ["--help"] : args);
        if (parse.Errors.Count > 0)
        {
            // Report the most specific problem: an unknown word beats "required command was not provided".
            var error = parse.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? parse.Errors[0];
            await stderr.WriteLineAsync($"ensemble: {error.Message} (see 'ensemble --help')");
            return UsageExitCode;
        }
        var config = new InvocationConfiguration { Output = stdout, Error = stderr };
        return await parse.InvokeAsync(config);
    }
}
