using Ensemble.Audio.Decoding;
using Ensemble.Audio.Encoding;
using Ensemble.Settings;

namespace Ensemble.Audio.Features;

/// <summary>Decode → log-mel → .npy (float32 [mels, frames]) for one file, or for every *.wav of a folder in parallel.</summary>
public sealed class FeatureExport(AudioOptions options)
{
    private readonly LogMelExtractor _extractor = new(options.LogMel);

    public LogMel Compute(string wavPath) => _extractor.Compute(WavDecoder.Decode(wavPath, options.Decoding));

    public LogMel WriteFile(string wavPath, string npyPath)
    {
        var logMel = Compute(wavPath);
        NpyWriter.Write(npyPath, logMel.Values, logMel.MelBands, logMel.Frames);
        return logMel;
    }

    /// <summary>Writes OUT/NAME.npy for every IN/NAME.wav; bad files are reported through <paramref name="onError"/> and skipped.</summary>
    /// <returns>The number of files written.</returns>
    public int WriteFolder(string inputFolder, string outputFolder, int threads, Action<AudioFormatException> onError)
    {
        ArgumentNullException.ThrowIfNull(onError);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threads);
        Directory.CreateDirectory(outputFolder);
        var files = Directory.GetFiles(inputFolder, "*.wav").Order(StringComparer.Ordinal).ToArray();
        var written = 0;
        var gate = new Lock();
        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = threads }, file =>
        {
            try
            {
                WriteFile(file, Path.Combine(outputFolder, Path.GetFileNameWithoutExtension(file) + ".npy"));
                Interlocked.Increment(ref written);
            }
            catch (AudioFormatException e)
            {
                lock (gate)
                    onError(e);
            }
        });
        return written;
    }
}
