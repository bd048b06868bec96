using System.Globalization;

namespace Ensemble.Bench;

/// <summary>`--name value` options of the benchmarks that take them loosely (a missing option is its default).</summary>
internal static class BenchArgs
{
    public static string Option(string[] args, string name, string fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }

    public static int Int(string[] args, string name, int fallback) =>
        int.Parse(Option(args, name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
}
