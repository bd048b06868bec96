using System.Globalization;

namespace Ensemble.Fuzz;

/// <summary>The run as Markdown (the table docs/benchmarks.md keeps); its last line is <c>fuzz cases N findings M</c>.</summary>
internal static class FuzzReportWriter
{
    public static void Write(TextWriter output, IReadOnlyList<FuzzTargetReport> reports, FuzzOptions options)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"seed {options.Seed}, {options.CasesPerTarget:N0} cases per target, hang limit {options.HangLimit.TotalMilliseconds:N0} ms, inputs up to {options.MaxInputBytes:N0} bytes"));
        output.WriteLine();
        output.WriteLine("| target | cases | accepted | typed errors | findings | cases/s | slowest case ms | largest allocation / bound |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in reports)
            output.WriteLine(string.Create(c, $"| {r.Target} | {r.Cases:N0} | {r.Accepted:N0} | {r.TypedErrors:N0} | {r.Findings.Count} | {r.CasesPerSecond:N0} | {r.SlowestCaseMs:F1} | {r.LargestAllocationToBound:F3} |"));
        var findings = reports.SelectMany(r => r.Findings).ToList();
        foreach (var f in findings)
            output.WriteLine(string.Create(c, $"finding {f.Target} {f.Kind} ×{f.Occurrences}: {f.Detail}{(f.InputPath is null ? "" : $" (input: {f.InputPath})")}"));
        output.WriteLine(string.Create(c, $"fuzz cases {reports.Sum(r => r.Cases)} findings {findings.Count}"));
    }
}
