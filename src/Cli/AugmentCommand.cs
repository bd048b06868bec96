using System.CommandLine;
using Ensemble.Audio;
using Ensemble.Audio.Augmentation;
using Ensemble.Audio.Decoding;
using Ensemble.Audio.Encoding;

namespace Ensemble.Cli;

/// <summary>`ensemble augment IN.wav --effects "gain -h treble +20 bass +20" --out OUT.wav`: SoX-syntax offline augmentation.</summary>
internal static class AugmentCommand
{
    public const int BadInputExitCode = 1;

    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "WAV file to augment (any rate and channel count; decoded to 44.1 kHz mono)." };
        var effects = new Option<string>("--effects")
        {
            Description = "Effects in SoX syntax, e.g. \"pitch -500\", \"fade q 3\", \"reverb\", \"gain -h equalizer 2400 3q 8\".",
            Required = true,
        };
        var output = new Option<string>("--out") { Description = "Output WAV (16-bit PCM, 44.1 kHz, mono).", Required = true };
        var command = new Command("augment", "Apply a SoX effects chain (the recipe's offline augmentation) to a WAV file.") { input, effects, output };
        command.SetAction(parse => Run(
            parse.GetValue(input)!, parse.GetValue(effects)!, parse.GetValue(output)!,
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    public static int Run(string inputPath, string effects, string outputPath, TextWriter stdout, TextWriter stderr)
    {
        SoxChain chain;
        try
        {
            chain = SoxChain.Parse(effects);
        }
        catch (SoxChainException e)
        {
            stderr.WriteLine($"ensemble augment: --effects {e.Message}");
            return EnsembleCli.UsageExitCode;
        }
        AudioClip clip;
        try
        {
            clip = WavDecoder.Decode(inputPath);
        }
        catch (AudioFormatException e)
        {
            stderr.WriteLine($"ensemble augment: {e.Message}");
            return BadInputExitCode;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"ensemble augment: {inputPath}: {e.Message}");
            return BadInputExitCode;
        }
        float[] samples;
        try
        {
            samples = chain.Apply(clip).Samples;
        }
        catch (SoxEffectException e)
        {
            // e.g. `fade 2 0` on a clip shorter than the fade-in plus the fade-out.
            stderr.WriteLine($"ensemble augment: {e.Message}");
            return BadInputExitCode;
        }
        WavWriter.WritePcm16(outputPath, new AudioClip(samples, clip.SampleRateHz, outputPath));
        var peak = samples.Length == 0 ? 0 : samples.Max(Math.Abs);
        stdout.WriteLine($"{inputPath} -> {outputPath}: {chain} ({clip.DurationSeconds:0.000} s -> {(double)samples.Length / clip.SampleRateHz:0.000} s, peak {peak:0.0000})");
        return 0;
    }
}
