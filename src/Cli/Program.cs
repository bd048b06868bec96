using Ensemble.Cli;

return await EnsembleCli.RunAsync(args, Console.Out, Console.Error);
