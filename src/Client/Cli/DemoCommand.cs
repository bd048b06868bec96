using System.CommandLine;

namespace Ensemble.Client.Cli;

/// <summary>`ensemble demo`: the main job on the embedded single-process default.</summary>
public static class DemoCommand
{
    public static Command Create()
    {
        var command = new Command("demo", "Run the end-to-end demo on samples/ (today: installation check; training and serving land with their issues).");
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            InfoCommand.Write(output);
            return 0;
        });
        return command;
    }
}
