using Ensemble.Bench;

return await BenchmarkRunner.RunAsync(args, Console.Out);
