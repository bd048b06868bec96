using System.CommandLine;
using Ensemble.Audio;
using Ensemble.Audio.Features;
using Ensemble.Settings;

namespace Ensemble.Cli;

/// <summary>`ensemble features IN.wav --out OUT.npy`: the RECIPE log-mel as float32 [128, T] .npy (a folder in, a folder out).</summary>
internal static class FeaturesCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "A .wav file, or a folder whose *.wav files are all converted." };
        var output = new Option<string>("--out") { Description = "The .npy file to write (a folder when the input is a folder).", Required = true };
        var threads = new Option<int>("--threads") { Description = "Files converted in parallel (folder input).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var command = new Command("features", "Compute the log-mel spectrogram of a WAV file (or folder) and save it as NumPy .npy [mels, frames].")
        {
            input, output, threads,
        };
        command.SetAction(parse => Run(parse.GetRequiredValue(input), parse.GetRequiredValue(output), parse.GetValue(threads),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(string input, string output, int threads, TextWriter stdout, TextWriter stderr)
    {
        var export = new FeatureExport(AudioOptions.Default);
        try
        {
            if (Directory.Exists(input))
            {
                if (threads < 1)
                {
                    stderr.WriteLine($"ensemble features: --threads must be at least 1, got {threads}");
                    return EnsembleCli.UsageExitCode;
                }
                if (Directory.GetFiles(input, "*.wav").Length == 0)
                {
                    stderr.WriteLine($"ensemble features: {input}: no .wav files");
                    return 1;
                }
                var failures = 0;
                var written = export.WriteFolder(input, output, threads, e =>
                {
                    failures++;
                    stderr.WriteLine(e.Message);
                });
                stdout.WriteLine($"wrote {written} .npy files to {output} (log-mel {AudioOptions.Default.LogMel.StableHash()}){(failures > 0 ? $", {failures} files refused" : "")}");
                return failures > 0 ? 1 : 0;
            }
            var logMel = export.WriteFile(input, output);
            stdout.WriteLine($"wrote {output}: float32 [{logMel.MelBands}, {logMel.Frames}] (log-mel {AudioOptions.Default.LogMel.StableHash()})");
            return 0;
        }
        catch (AudioFormatException e)
        {
            stderr.WriteLine(e.Message);
            return 1;
        }
        catch (IOException e)
        {
            stderr.WriteLine($"{input}: {e.Message}");
            return 1;
        }
        catch (UnauthorizedAccessException e)
        {
            stderr.WriteLine($"{input}: {e.Message}");
            return 1;
        }
    }
}
