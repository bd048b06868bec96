using System.CommandLine;
using Ensemble.Audio;
using Ensemble.Audio.Shifts;
using Ensemble.Training.Shifts;

namespace Ensemble.Cli;

/// <summary>
/// `ensemble shift --audio DIR --truth test.csv --out DIR --seed N`: the shifted evaluation set, one folder per
/// condition (WAVs and the truth CSV) and shifts.json; `eval --shifted DIR` scores a run on it.
/// </summary>
internal static class ShiftCommand
{
    public const int DefaultSeed = 2019;

    public static Command Create()
    {
        var audio = new Option<DirectoryInfo>("--audio") { Description = "Folder of the labelled .wav clips to shift, e.g. test/.", Required = true };
        var truth = new Option<FileInfo>("--truth") { Description = "Their labels (fname,labels), copied into every condition's folder.", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write the set into.", Required = true };
        var seed = new Option<int>("--seed") { Description = "Seed the conditions' rooms and noise come from.", DefaultValueFactory = _ => DefaultSeed };
        var parallelism = new Option<int>("--parallelism") { Description = "Clips shifted at once.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var command = new Command("shift", $"Write the shifted evaluation set: {ShiftSet.Create(DefaultSeed).Count} recording conditions training never applies (see docs/evaluation.md).")
        {
            audio, truth, output, seed, parallelism,
        };
        command.SetAction((parse, cancellation) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            if (parse.GetValue(parallelism) < 1)
            {
                parse.InvocationConfiguration.Error.WriteLine($"ensemble shift: --parallelism must be at least 1, got {parse.GetValue(parallelism)}");
                return Task.FromResult(EnsembleCli.UsageExitCode);
            }
            try
            {
                var outFolder = parse.GetValue(output)!.FullName;
                var manifest = ShiftedSetWriter.Write(parse.GetValue(audio)!.FullName, parse.GetValue(truth)!.FullName, outFolder, parse.GetValue(seed),
                    parse.GetValue(parallelism), stdout.WriteLine, cancellation);
                foreach (var condition in manifest.Conditions)
                    stdout.WriteLine($"{condition.Name,-20} {condition.Description}");
                stdout.WriteLine($"wrote {manifest.Clips} clips × {manifest.Conditions.Count} conditions to {outFolder}");
                return Task.FromResult(0);
            }
            catch (Exception e) when (e is AudioFormatException or FileNotFoundException or DirectoryNotFoundException or IOException)
            {
                parse.InvocationConfiguration.Error.WriteLine($"ensemble shift: {e.Message}");
                return Task.FromResult(1);
            }
        });
        return command;
    }
}
