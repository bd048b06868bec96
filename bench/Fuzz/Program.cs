using Ensemble.Fuzz;

return await FuzzCommand.Create(Console.Out).Parse(args).InvokeAsync();
