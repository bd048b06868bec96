using System.CommandLine;
using Ensemble.Fuzz.Targets;

namespace Ensemble.Fuzz;

/// <summary>ensemble-fuzz mutate | seeds | afl: the command line of the fuzzer.</summary>
internal static class FuzzCommand
{
    public static RootCommand Create(TextWriter output)
    {
        var target = new Option<string>("--target") { Description = $"One of {string.Join(", ", FuzzTargets.Names)}, or all.", DefaultValueFactory = _ => "all" };
        var cases = new Option<int>("--cases") { Description = "Cases per target (seeds first, then mutations).", DefaultValueFactory = _ => FuzzOptions.DefaultCasesPerTarget };
        var seed = new Option<int>("--seed") { Description = "Seed of the mutations: the same seed runs the same cases.", DefaultValueFactory = _ => FuzzOptions.DefaultSeed };
        var findings = new Option<string?>("--findings") { Description = "Folder for the input of each finding." };
        var mutate = new Command("mutate", "Run the seeded mutation loop over targets; exit 1 when anything is found.") { target, cases, seed, findings };
        mutate.SetAction(parse =>
        {
            var options = new FuzzOptions(parse.GetValue(cases), parse.GetValue(seed), findingsDirectory: parse.GetValue(findings));
            var fuzzer = new MutationFuzzer(options, TimeProvider.System);
            var reports = Select(parse.GetValue(target)!).Select(fuzzer.Run).ToList();
            FuzzReportWriter.Write(output, reports, options);
            return reports.Any(r => r.Findings.Count > 0) ? 1 : 0;
        });

        var seedsOut = new Option<string>("--out") { Description = "Folder to write the seeds into (afl-fuzz's -i).", Required = true };
        var seeds = new Command("seeds", "Write a target's seed inputs (for afl-fuzz).") { target, seedsOut };
        seeds.SetAction(parse =>
        {
            var folder = parse.GetValue(seedsOut)!;
            foreach (var t in Select(parse.GetValue(target)!))
            {
                var directory = Directory.CreateDirectory(Path.Combine(folder, t.Name)).FullName;
                for (var i = 0; i < t.Seeds.Count; i++)
                    File.WriteAllBytes(Path.Combine(directory, $"seed-{i}{Path.GetExtension(t.FileName)}"), t.Seeds[i]);
                output.WriteLine($"{t.Name}: {t.Seeds.Count} seeds in {directory}");
            }
            return 0;
        });

        var afl = new Command("afl", "Run one target under afl-fuzz (SharpFuzz's out-of-process entry).") { target };
        afl.SetAction(parse =>
        {
            var name = parse.GetValue(target)!;
            if (!FuzzTargets.Names.Contains(name))
                throw new ArgumentException($"afl runs one target: {string.Join(", ", FuzzTargets.Names)}");
            AflEntry.Run(() => FuzzTargets.Named(name));
            return 0;
        });
        return new RootCommand("ensemble-fuzz: hostile input for every reader of outside files.") { mutate, seeds, afl };
    }

    private static IReadOnlyList<FuzzTarget> Select(string name) => name == "all" ? FuzzTargets.Create() : [FuzzTargets.Named(name)];
}
