using System.CommandLine;
using Ensemble.Audio;
using Ensemble.Training.Data;
using Ensemble.Training.Features;
using Ensemble.Training.Manifest;
using Ensemble.Training.Runs;
using Ensemble.Training.Submissions;

namespace Ensemble.Client.Cli;

/// <summary>`ensemble predict --run RUN --audio DIR --out submission.csv`: scores every WAV in a folder with a run's ensemble.</summary>
public static class PredictCommand
{
    public static Command Create()
    {
        var run = new Option<DirectoryInfo>("--run") { Description = "Run folder holding ensemble.json.", Required = true };
        var audio = new Option<DirectoryInfo>("--audio") { Description = "Folder of .wav clips to score.", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Submission CSV to write (fname + one column per class).", Required = true };
        var command = new Command("predict", "Score a folder of clips with a trained run (Kaggle submission format).") { run, audio, output };
        command.SetAction(parse =>
        {
            var stderr = parse.InvocationConfiguration.Error;
            try
            {
                var runDir = parse.GetValue(run)!.FullName;
                var manifest = EnsembleManifest.Load(Path.Combine(runDir, EnsembleManifest.FileName));
                var folder = parse.GetValue(audio)!.FullName;
                if (!Directory.Exists(folder))
                    throw new DirectoryNotFoundException($"Audio folder '{folder}' does not exist.");
                var files = Directory.EnumerateFiles(folder, "*.wav").Order(StringComparer.Ordinal).ToArray();
                if (files.Length == 0)
                    throw new DirectoryNotFoundException($"Audio folder '{folder}' holds no .wav file.");
                var features = new ClipFeatures(new FeatureCache(Path.Combine(Path.GetTempPath(), "ensemble-predict"), manifest.Audio.FeatureHash()),
                    manifest.Audio.Decoding, manifest.Audio.LogMel, Environment.ProcessorCount);
                var clips = files.Select(f => features.Compute(f, chain: null)).ToArray();
                var scores = EnsemblePredictor.Predict(runDir, manifest, clips);
                SubmissionCsv.Write(parse.GetValue(output)!.FullName, files.Select(Path.GetFileName).ToArray()!, new ClassList(manifest.Classes), scores);
                parse.InvocationConfiguration.Output.WriteLine($"wrote {files.Length} rows × {manifest.Classes.Count} classes from {manifest.Models.Count} models to {parse.GetValue(output)!.FullName}");
                return 0;
            }
            catch (Exception e) when (e is AudioFormatException or InvalidDataException or FileNotFoundException or DirectoryNotFoundException)
            {
                stderr.WriteLine($"ensemble predict: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
