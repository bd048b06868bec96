namespace Ensemble.Bench;

/// <summary>Entry point of `dotnet run --project bench -c Release -- NAME [options]`; each benchmark is one class.</summary>
internal static class BenchmarkRunner
{
    private static readonly Dictionary<string, Func<string[], TextWriter, Task<int>>> Benchmarks = new(StringComparer.Ordinal)
    {
        ["models"] = ModelBenchmark.RunAsync,
        ["augment"] = AugmentBenchmark.RunAsync,
        ["features"] = FeatureBenchmark.RunAsync,
        ["onnx"] = OnnxBenchmark.RunAsync,
        ["serving"] = ServingBenchmark.RunAsync,
        ["ensemble"] = EnsembleBenchmark.RunAsync,
    };

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        if (args.Length == 0 || !Benchmarks.TryGetValue(args[0], out var run))
        {
            await output.WriteLineAsync($"usage: bench <{string.Join('|', Benchmarks.Keys.Order())}> [options]");
            return 2;
        }
        return await run(args[1..], output);
    }
}
