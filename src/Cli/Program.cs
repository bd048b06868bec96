using Ensemble.Client.Cli;

return await EnsembleCli.RunAsync(args, Console.Out, Console.Error);
