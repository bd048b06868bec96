using Ensemble.Settings;
using Ensemble.Audio;
using Ensemble.Audio.Crops;
using Ensemble.Audio.Decoding;
using Ensemble.Audio.Encoding;
using Ensemble.Audio.Features;
using Ensemble.Training.Recipes;
using Ensemble.Training.Runs;

namespace Ensemble.Training.Tests.TestSupport;

/// <summary>A tiny synthetic FAT2019-layout dataset (8 kHz tones, 16 mel bands, 16-frame crops) and a recipe for it.</summary>
public static class TinyData
{
    public const int RateHz = 8000;
    public static readonly string[] Classes = ["High", "Low", "Mid"];
    private static readonly double[] FrequencyHz = [2500, 300, 1000];

    public static readonly AudioOptions Audio = new(
        decoding: new WavDecoderOptions(targetSampleRateHz: RateHz),
        logMel: new LogMelOptions(sampleRateHz: RateHz, fftLengthSamples: 256, hopLengthSamples: 64, melBands: 16, maxFrequencyHz: 4000),
        crop: new CropOptions(cropWidthFrames: 16, strengthMelBands: 8),
        validationTtaCrops: 2, testTtaCrops: 3);

    public static Recipe Recipe(bool skipBadClips = false) => new(
        "tiny", 5, 2,
        new DataRecipe(["gain -h treble +20 bass +20"], [], skipBadClips),
        [new ModelRecipe("cnn", "customcnn", 0.125, 1, 2)],
        new OptimizerOptions(1e-3, 1e-5, 10, 4, 0),
        new AugmentationRecipe(1, 0.5, 0.5, 0.5, 0.5, 0.5),
        Audio, Ensemble.Training.Recipes.Recipe.GuardedBlend, torchThreads: 1);

    private static void Wav(TempFolder dir, string relative, int label, int seed)
    {
        var random = SplitMixRandom.FromSeed(seed);
        var samples = new float[RateHz / 2 + random.Next(RateHz / 2)];
        for (var i = 0; i < samples.Length; i++)
            samples[i] = (float)(0.3 * Math.Sin(2 * Math.PI * FrequencyHz[label] * i / RateHz) + 0.01 * (random.NextDouble() - 0.5));
        var path = Path.Combine(dir.Path, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        WavWriter.WritePcm16(path, new AudioClip(samples, RateHz, relative));
    }

    public static TempFolder Dataset()
    {
        var dir = new TempFolder();
        dir.File("sample_submission.csv", "fname,High,Low,Mid\n");
        var curated = "fname,labels\n";
        for (var i = 0; i < 12; i++)
        {
            Wav(dir, $"train_curated/c{i}.wav", i % 3, i);
            curated += $"c{i}.wav,{Classes[i % 3]}\n";
        }
        dir.File("train_curated.csv", curated);
        var noisy = "fname,labels\n";
        for (var i = 0; i < 6; i++)
        {
            Wav(dir, $"train_noisy/n{i}.wav", i % 3, 100 + i);
            noisy += $"n{i}.wav,{Classes[i % 3]}\n";
        }
        dir.File("train_noisy.csv", noisy);
        var test = "fname,labels\n";
        for (var i = 0; i < 6; i++)
        {
            Wav(dir, $"test/t{i}.wav", i % 3, 200 + i);
            test += $"t{i}.wav,{Classes[i % 3]}\n";
        }
        dir.File("test.csv", test);
        return dir;
    }

    public sealed class Silent : ITrainingProgress
    {
        public void StageStarted(string label, int epochs, int completedEpochs, int batchesPerEpoch) { }
        public void BatchCompleted(string label, int epoch, int batch, double meanLoss) { }
        public void EpochCompleted(string label, EpochMetrics metrics) { }
        public void StageFinished(string label) { }
        public void Message(string text) { }
    }

    public static TrainingPipeline Pipeline(Recipe recipe, TrainOptions options, TrainingHostOptions? host = null)
    {
        var progress = new Silent();
        return new TrainingPipeline(recipe, options, new TrainingHost(host ?? new TrainingHostOptions(), progress), progress);
    }
}
