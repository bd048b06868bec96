using Ensemble.Audio;
using Ensemble.Audio.Decoding;
using Ensemble.Audio.Encoding;
using Ensemble.Audio.Files;
using Ensemble.Audio.Shifts;
using Ensemble.Settings;

namespace Ensemble.Training.Shifts;

/// <summary>
/// Writes a shifted evaluation set: for every condition of <see cref="ShiftSet.Create"/>(seed), a folder named after it
/// with every source WAV under that condition (16-bit PCM, the source's names) and a copy of the truth CSV, then
/// <see cref="ShiftedSetManifest"/>. Every file is written to a temporary name and renamed, so a stopped run leaves no
/// half-written WAV, and the manifest comes last.
/// </summary>
public static class ShiftedSetWriter
{
    public static ShiftedSetManifest Write(string audioFolder, string truthCsv, string outputFolder, int seed, int parallelism,
        Action<string>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(parallelism);
        if (!Directory.Exists(audioFolder))
            throw new DirectoryNotFoundException($"Audio folder '{audioFolder}' does not exist.");
        if (!File.Exists(truthCsv))
            throw new FileNotFoundException($"Truth CSV '{truthCsv}' does not exist.", truthCsv);
        var files = Directory.EnumerateFiles(audioFolder, "*.wav").Order(StringComparer.Ordinal).ToArray();
        if (files.Length == 0)
            throw new DirectoryNotFoundException($"Audio folder '{audioFolder}' holds no .wav file.");
        var conditions = ShiftSet.Create(seed);
        Directory.CreateDirectory(outputFolder);
        var truthName = Path.GetFileName(truthCsv);
        foreach (var condition in conditions)
        {
            Directory.CreateDirectory(Path.Combine(outputFolder, condition.Name));
            AtomicFile.WriteAllBytes(Path.Combine(outputFolder, condition.Name, truthName), File.ReadAllBytes(truthCsv));
        }
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellation };
        var done = 0;
        try
        {
            Parallel.ForEach(files, options, file => ShiftOne(file, conditions, outputFolder, files.Length, ref done, progress));
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // The first clip's problem (a bad WAV names its file), as a sequential loop would have thrown it.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        var manifest = new ShiftedSetManifest(ShiftedSetManifest.CurrentFormatVersion, seed, Path.GetFullPath(audioFolder), truthName, files.Length,
            conditions.Select(c => new ShiftedCondition(c.Name, c.Description)).ToArray());
        manifest.Save(outputFolder);
        return manifest;
    }

    private static void ShiftOne(string file, IReadOnlyList<IShift> conditions, string outputFolder, int total, ref int done, Action<string>? progress)
    {
        // The conditions are made for 44.1 kHz (the rooms' responses), so every source is decoded to it.
        var clip = WavDecoder.Decode(file, WavDecoderOptions.Default);
        var name = Path.GetFileName(file);
        foreach (var condition in conditions)
        {
            var shifted = new AudioClip(condition.Apply(clip, name), clip.SampleRateHz, file);
            AtomicFile.WriteAllBytes(Path.Combine(outputFolder, condition.Name, name), WavWriter.ToPcm16Bytes(shifted.Samples, shifted.SampleRateHz));
        }
        var count = Interlocked.Increment(ref done);
        if (count % 50 == 0 || count == total)
            progress?.Invoke($"{count}/{total} clips × {conditions.Count} conditions");
    }
}
