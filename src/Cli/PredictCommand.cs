using System.CommandLine;
using Ensemble.Audio;
using Ensemble.Training.Data;
using Ensemble.Models.Checkpoints;
using Ensemble.Training.Manifest;
using Ensemble.Training.Runs;
using Ensemble.Training.Submissions;

namespace Ensemble.Cli;

/// <summary>`ensemble predict --run RUN --audio DIR --out submission.csv`: scores every WAV in a folder with a run's ensemble.</summary>
internal static class PredictCommand
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
                var clips = EnsemblePredictor.LogMels(manifest, files);
                var names = files.Select(f => Path.GetFileName(f)).ToArray();
                var scores = EnsemblePredictor.Predict(runDir, manifest, names, clips);
                SubmissionCsv.Write(parse.GetValue(output)!.FullName, names, new ClassList(manifest.Classes), scores);
                parse.InvocationConfiguration.Output.WriteLine($"wrote {files.Length} rows × {manifest.Classes.Count} classes from {manifest.Models.Count} models to {parse.GetValue(output)!.FullName}");
                return 0;
            }
            catch (Exception e) when (e is AudioFormatException or InvalidDataException or FileNotFoundException or DirectoryNotFoundException or CheckpointException)
            {
                stderr.WriteLine($"ensemble predict: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
