using System.CommandLine;
using Ensemble.Audio;
using Ensemble.Audio.Decoding;
using Ensemble.Settings;

namespace Ensemble.Cli;

/// <summary>`ensemble audio-info IN.wav`: stored format, rate, channels, duration, peak and RMS.</summary>
internal static class AudioInfoCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "The .wav file to describe." };
        var command = new Command("audio-info", "Print a WAV file's format, rate, channels, duration, peak and RMS (over all channels, before mixdown).")
        {
            input,
        };
        command.SetAction(parse =>
        {
            var path = parse.GetRequiredValue(input);
            try
            {
                foreach (var line in AudioSummary.Read(path, new WavDecoderOptions(targetSampleRateHz: null)).Lines())
                    parse.InvocationConfiguration.Output.WriteLine(line);
                return 0;
            }
            catch (AudioFormatException e)
            {
                parse.InvocationConfiguration.Error.WriteLine(e.Message);
                return 1;
            }
            catch (IOException e)
            {
                parse.InvocationConfiguration.Error.WriteLine($"{path}: {e.Message}");
                return 1;
            }
            catch (UnauthorizedAccessException e)
            {
                parse.InvocationConfiguration.Error.WriteLine($"{path}: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
