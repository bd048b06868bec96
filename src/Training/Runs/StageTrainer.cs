using System.Runtime.InteropServices;
using Ensemble.Audio.Crops;
using Ensemble.Models;
using Ensemble.Models.Checkpoints;
using Ensemble.Models.Inference;
using Ensemble.Models.Runtime;
using Ensemble.Training.Metrics;
using Ensemble.Training.Optimization;
using TorchSharp;
using static TorchSharp.torch;
using Ensemble.Audio.Files;

namespace Ensemble.Training.Runs;

/// <summary>
/// Trains one stage (Adam over flat buffers, BCEWithLogits, cosine learning rate with restarts, in-batch augmentations) on one device and
/// keeps the best checkpoint by validation lwlrap (the last one when there is no validation). After every epoch it
/// writes epoch-N.weights / epoch-N.optim and then state.json naming them, so a killed run resumes from the last
/// finished epoch. Each epoch's randomness (shuffle, crops, augmentations: <see cref="SplitMixRandom"/>; dropout: the
/// stage's <see cref="Generator"/>) is seeded from (stage seed, epoch), so a resumed run draws what an uninterrupted
/// one would have drawn; nothing is drawn from libtorch's process-wide default generator.
/// </summary>
public sealed class StageTrainer(ITrainingProgress progress, string device)
{
    public const string BestWeightsFile = "best.weights";
    public const string BestPredictionsFile = "best-validation.f32";
    public const string MetricsFile = "metrics.csv";

    /// <summary>"cpu", "cuda" or "cuda:N": where the model, the batches and the validation TTA run.</summary>
    public string DeviceName { get; } = device;

    public Device Device { get; } = TorchDevice.Resolve(device);

    /// <summary>
    /// Runs the remaining epochs. <paramref name="afterEpoch"/> is called once each epoch is saved (a test hook).
    /// <paramref name="mayCommit"/>, when given, is asked after each epoch has trained and before any of its files is
    /// written (the fencing check of a training grain: a trainer whose lease lapsed must not write); false stops the
    /// stage with <see cref="StageCommitRefusedException"/> and leaves the folder at the previous epoch.
    /// </summary>
    public StageResult Run(StageRequest request, CancellationToken cancellation, Action<EpochMetrics>? afterEpoch = null, Func<int, bool>? mayCommit = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Train.Count < 2)
            throw new ArgumentException($"{request.Label}: at least 2 training items are needed, got {request.Train.Count}", nameof(request));
        Directory.CreateDirectory(request.Directory);
        var state = StageState.Load(request.Directory);
        var batches = BatchCount(request.Train.Count, request.Optimizer.BatchSize);
        progress.StageStarted(request.Label, request.Epochs, Math.Min(state.CompletedEpochs, request.Epochs), batches);
        if (state.CompletedEpochs < request.Epochs)
        {
            // The stage's own generator: weight initialisation (seed of "epoch -1") and each epoch's dropout masks.
            using var generator = new Generator(GeneratorSeed(request.Seed, -1));
            using var model = ModelFactory.Create(request.Spec, generator);
            if (state.CompletedEpochs > 0)
                model.load(Path.Combine(request.Directory, WeightsFile(state.CompletedEpochs)));
            else if (request.InitialWeights is not null)
                model.load(request.InitialWeights);
            else if (request.Optimizer.OutputBiasFromPrior)
                OutputBiasPrior.Apply(model, request.Train);
            // Weights are read on the CPU; the optimizer flattens the parameters where they train, so it comes last.
            model.to(Device);
            using var optimizer = new FlatAdam(model.parameters(), request.Optimizer.LearningRateMax, request.Optimizer.WeightDecay);
            if (state.CompletedEpochs > 0)
            {
                try
                {
                    optimizer.Load(Path.Combine(request.Directory, OptimizerFile(state.CompletedEpochs)));
                }
                catch (Exception e) when (e is InvalidDataException or IOException)
                {
                    throw new RunFolderException(request.Directory, RunFolderProblem.StageIncomplete,
                        $"epoch {state.CompletedEpochs}'s optimizer state cannot be read ({e.Message}); delete the folder to retrain the stage", e);
                }
                progress.Message($"{request.Label}: resuming after epoch {state.CompletedEpochs}");
            }

            for (var epoch = state.CompletedEpochs; epoch < request.Epochs; epoch++)
            {
                cancellation.ThrowIfCancellationRequested();
                state = RunEpoch(request, model, optimizer, generator, state, epoch, batches, mayCommit);
                afterEpoch?.Invoke(state.History[^1]);
            }
        }
        progress.StageFinished(request.Label);
        return ReadFinished(request.Directory, request.Epochs);
    }

    /// <summary>Whether the stage in <paramref name="directory"/> has finished <paramref name="epochs"/> epochs.</summary>
    public static bool IsFinished(string directory, int epochs) =>
        StageState.Load(directory).CompletedEpochs >= epochs && File.Exists(Path.Combine(directory, BestWeightsFile));

    /// <summary>A finished stage's result, read from its folder (any process may have trained it).</summary>
    public static StageResult ReadFinished(string directory, int epochs)
    {
        var state = StageState.Load(directory);
        if (state.CompletedEpochs < epochs)
            throw new RunFolderException(directory, RunFolderProblem.StageIncomplete,
                $"the stage has finished {state.CompletedEpochs} of {epochs} epochs; run it first");
        var best = Path.Combine(directory, BestWeightsFile);
        if (!File.Exists(best))
            throw new RunFolderException(directory, RunFolderProblem.StageIncomplete,
                $"the stage finished but {BestWeightsFile} is missing; delete the folder to retrain it");
        return new StageResult(best, state.History, state.BestLwlrap, state.BestEpoch, ReadPredictions(directory));
    }

    /// <summary>Deterministic across processes (HashCode.Combine is randomised per process, so it cannot be used here).</summary>
    public static int EpochSeed(int stageSeed, int epoch) => unchecked((stageSeed * 1_000_003) ^ ((epoch + 1) * 7_919));

    /// <summary>The stage generator's seed for an epoch (-1: initialisation): <see cref="EpochSeed"/> as libtorch's unsigned seed.</summary>
    public static ulong GeneratorSeed(int stageSeed, int epoch) => unchecked((ulong)EpochSeed(stageSeed, epoch));

    public static string WeightsFile(int epochs) => $"epoch-{epochs}.weights";

    public static string OptimizerFile(int epochs) => $"epoch-{epochs}.optim";

    private static int BatchCount(int items, int batchSize) =>
        items / batchSize + (items % batchSize >= 2 ? 1 : 0);

    private StageState RunEpoch(StageRequest request, nn.Module<Tensor, Tensor> model, FlatAdam optimizer,
        Generator generator, StageState state, int epoch, int batches, Func<int, bool>? mayCommit)
    {
        var started = DateTime.UtcNow;
        generator.manual_seed(EpochSeed(request.Seed, epoch));
        var random = SplitMixRandom.FromSeed(EpochSeed(request.Seed, epoch));
        var learningRate = request.Optimizer.LearningRateAt(epoch);
        optimizer.LearningRate = learningRate;
        // The previous epoch's validation ran the model through a runner: training must still step the model's own tensors.
        optimizer.VerifyLayout();

        var loss = TrainEpoch(request, model, optimizer, random, epoch, batches);
        var lwlrap = double.NaN;
        float[]? predictions = null;
        if (request.Validation.Count > 0)
        {
            var classes = request.Spec.Classes;
            var audio = request.Audio;
            using var runner = TorchModelRunner.Borrow(model, classes, new TorchModelRunnerOptions(audio, DeviceName));
            predictions = ClipScorer.ForValidation(audio)
                .Score(runner, request.Validation.Select(v => v.Name).ToArray(), i => request.Validation[i].Features.Load());
            var truth = request.Validation.SelectMany(v => v.Targets.Select(t => t > 0.5f)).ToArray();
            lwlrap = Lwlrap.Compute(truth, predictions, classes).Overall;
        }
        var metrics = new EpochMetrics(epoch + 1, learningRate, loss, lwlrap, (DateTime.UtcNow - started).TotalSeconds);

        if (mayCommit is not null && !mayCommit(epoch + 1))
            throw new StageCommitRefusedException(request.Label, epoch + 1);
        var improved = double.IsNaN(lwlrap) || lwlrap > state.BestLwlrap;
        if (improved)
        {
            Checkpoint.Save(model, request.Spec, request.Classes, request.Audio, request.RunId, Path.Combine(request.Directory, BestWeightsFile));
            WritePredictions(request.Directory, predictions ?? []);
        }
        var done = epoch + 1;
        model.save(Path.Combine(request.Directory, WeightsFile(done)));
        optimizer.Save(Path.Combine(request.Directory, OptimizerFile(done)));
        var history = state.History.Append(metrics).ToArray();
        var next = improved
            ? new StageState(done, double.IsNaN(lwlrap) ? double.NegativeInfinity : lwlrap, done, history)
            : state with { CompletedEpochs = done, History = history };
        next.Save(request.Directory);
        EpochMetrics.WriteCsv(Path.Combine(request.Directory, MetricsFile), history);
        // Only the newest epoch's files are needed to resume.
        File.Delete(Path.Combine(request.Directory, WeightsFile(done - 1)));
        File.Delete(Path.Combine(request.Directory, OptimizerFile(done - 1)));
        progress.EpochCompleted(request.Label, metrics);
        return next;
    }

    private double TrainEpoch(StageRequest request, nn.Module<Tensor, Tensor> model, FlatAdam optimizer,
        SplitMixRandom random, int epoch, int batches)
    {
        model.train();
        var items = request.Train;
        var order = Enumerable.Range(0, items.Count).ToArray();
        random.Shuffle(order);
        var mels = request.Audio.LogMel.MelBands;
        var sampler = new CropSampler(request.Audio.Crop);
        var width = request.Audio.Crop.CropWidthFrames;
        var cropLength = mels * width;
        var classes = request.Spec.Classes;
        var augmenter = new BatchAugmenter(request.Augmentation, request.RandomResizedCrop, request.Audio.LogMel, width, random.Next());
        var lossSum = 0.0;
        var seen = 0;
        for (var b = 0; b < batches; b++)
        {
            var first = b * request.Optimizer.BatchSize;
            var n = Math.Min(request.Optimizer.BatchSize, items.Count - first);
            var x = new float[n * cropLength];
            var y = new float[n * classes];
            for (var j = 0; j < n; j++)
            {
                var item = items[order[first + j]];
                if (item.Features.MelBands != mels)
                    throw new ArgumentException($"{item.Name} has {item.Features.MelBands} mel bands, the run's log-mel settings {mels}", nameof(request));
                var crop = x.AsSpan(j * cropLength, cropLength);
                var features = item.Features.Load();
                sampler.Extract(features, sampler.Start(features, request.Audio.Crop.TrainingMode, random), crop);
                // The channel steps act on dB values; then normalise, as serving does, so the other augmentations see
                // the model's input scale.
                augmenter.AugmentDecibels(crop);
                CropNormalization.NormalizeInPlace(crop, cropLength);
                item.Targets.CopyTo(y.AsSpan(j * classes, classes));
            }

            using var scope = NewDisposeScope();
            var (input, target) = augmenter.Apply(tensor(x, [n, 1, mels, width]).to(Device), tensor(y, [n, classes]).to(Device));
            var loss = nn.functional.binary_cross_entropy_with_logits(model.forward(input), target);
            optimizer.ZeroGrad();
            loss.backward();
            optimizer.Step();
            var value = loss.item<float>();
            if (!float.IsFinite(value))
                throw new NonFiniteLossException($"{request.Label}: training loss became {value} in epoch {epoch + 1}, batch {b + 1}");
            lossSum += value * n;
            seen += n;
            progress.BatchCompleted(request.Label, epoch + 1, b + 1, lossSum / seen);
        }
        return lossSum / seen;
    }

    private static void WritePredictions(string directory, float[] predictions)
    {
        var path = Path.Combine(directory, BestPredictionsFile);
        AtomicFile.WriteAllBytes(path, MemoryMarshal.AsBytes(predictions.AsSpan()));
    }

    private static float[] ReadPredictions(string directory)
    {
        var path = Path.Combine(directory, BestPredictionsFile);
        return File.Exists(path) ? MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(path)).ToArray() : [];
    }
}
