using Ensemble.Audio.Files;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ensemble.Training.Optimization;

/// <summary>
/// Adam (PyTorch's algorithm: L2 weight decay added to the gradient, bias-corrected moments, no AMSGrad) over flat
/// buffers. The parameters are re-pointed into one contiguous tensor and their gradients into another, so zeroing the
/// gradients is one operation and a step is six per chunk of the buffers, whatever the number of parameters;
/// TorchSharp's <c>optim.Adam</c> runs about ten native calls and two temporaries per parameter (issue 14 item 4:
/// PyTorch's foreach implementation groups the same work). On the CPU a step walks the buffers in cache-sized chunks
/// (<see cref="DefaultCpuChunkValues"/>): six passes over the whole of an Inception's 88 MB buffers each went to memory
/// and were slower than PyTorch's per-parameter loop, whose tensors stay in cache; on a GPU one chunk (launches are
/// what cost there). Each element gets the same arithmetic as in TorchSharp's Adam, so the two agree to the bit (test).
/// The gradients must stay in the flat buffer: call <see cref="ZeroGrad"/> (never the module's zero_grad, which would
/// replace them) and build this after the model has moved to its device and loaded its weights.
/// </summary>
public sealed class FlatAdam : IDisposable
{
    public const double DefaultBeta1 = 0.9;
    public const double DefaultBeta2 = 0.999;
    public const double DefaultEpsilon = 1e-8;

    /// <summary>Values per chunk of a CPU step: 4 buffers and a temporary of 256 KiB each stay in cache; the best of 16 Ki-100 Mi
    /// values in docs/benchmarks.md (item 4).</summary>
    public const int DefaultCpuChunkValues = 1 << 16;

    /// <summary>First string of a state file written by <see cref="Save"/>; TorchSharp's optimizer files start with "Adam".</summary>
    private const string FileMagic = "Ensemble.FlatAdam/1";
    private const string TorchSharpAdamName = "Adam";

    private readonly Parameter[] _parameters;
    private readonly long[] _sizes;
    /// <summary>Where each parameter starts in the flat buffers.</summary>
    private readonly long[] _offsets;
    private readonly Tensor _values;
    private readonly Tensor _gradients;
    private readonly Tensor _firstMoment;
    private readonly Tensor _secondMoment;
    private readonly Chunk[] _chunks;
    private readonly Scalar _beta1Scalar;
    private readonly Scalar _oneMinusBeta1;
    private readonly Scalar _beta2Scalar;
    private readonly Scalar _oneMinusBeta2;
    private readonly Scalar _epsilonScalar;
    private readonly Scalar? _weightDecayScalar;
    private readonly double _weightDecay;
    private readonly double _beta1;
    private readonly double _beta2;
    private readonly double _epsilon;
    private bool _layoutVerified;

    /// <param name="chunkValues">Values per chunk of a step; null: <see cref="DefaultCpuChunkValues"/> on the CPU, the whole buffer on a GPU.</param>
    public FlatAdam(IEnumerable<Parameter> parameters, double learningRate, double weightDecay = 0,
        double beta1 = DefaultBeta1, double beta2 = DefaultBeta2, double epsilon = DefaultEpsilon, int? chunkValues = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _parameters = [.. parameters];
        var problems = new List<string>();
        if (_parameters.Length == 0)
            problems.Add("no parameters");
        if (!(learningRate >= 0))
            problems.Add($"learning rate {learningRate} is not >= 0");
        if (!(weightDecay >= 0))
            problems.Add($"weight decay {weightDecay} is not >= 0");
        if (!(beta1 is >= 0 and < 1))
            problems.Add($"beta1 {beta1} is not in [0, 1)");
        if (!(beta2 is >= 0 and < 1))
            problems.Add($"beta2 {beta2} is not in [0, 1)");
        if (!(epsilon >= 0))
            problems.Add($"epsilon {epsilon} is not >= 0");
        if (chunkValues is < 1)
            problems.Add($"chunk of {chunkValues} values is not >= 1");
        if (_parameters.Length > 0)
        {
            var first = _parameters[0];
            if (_parameters.Any(p => p.dtype != ScalarType.Float32))
                problems.Add("a parameter is not float32 (training is fp32)");
            if (_parameters.Any(p => p.device_type != first.device_type || p.device_index != first.device_index))
                problems.Add("the parameters are on more than one device; one flat buffer needs one");
            if (_parameters.Any(p => !p.requires_grad))
                problems.Add("a parameter does not require a gradient");
        }
        if (problems.Count > 0)
            throw new ArgumentException("FlatAdam: " + string.Join("; ", problems), nameof(parameters));

        LearningRate = learningRate;
        _weightDecay = weightDecay;
        _beta1 = beta1;
        _beta2 = beta2;
        _epsilon = epsilon;
        _sizes = [.. _parameters.Select(p => p.numel())];
        _offsets = new long[_sizes.Length];
        for (var i = 1; i < _sizes.Length; i++)
            _offsets[i] = _offsets[i - 1] + _sizes[i - 1];
        var total = _sizes.Sum();
        var like = _parameters[0];
        using (no_grad())
        {
            // Detached: they live as long as this optimizer, whatever dispose scope the caller has open.
            _values = empty(total, like.dtype, like.device).DetachFromDisposeScope();
            _gradients = zeros(total, like.dtype, like.device).DetachFromDisposeScope();
            _firstMoment = zeros(total, like.dtype, like.device).DetachFromDisposeScope();
            _secondMoment = zeros(total, like.dtype, like.device).DetachFromDisposeScope();
            for (var i = 0; i < _parameters.Length; i++)
            {
                var parameter = _parameters[i];
                using var value = _values.narrow(0, _offsets[i], _sizes[i]).view(parameter.shape);
                value.copy_(parameter);
                parameter.set_(value);
                using var gradient = _gradients.narrow(0, _offsets[i], _sizes[i]).view(parameter.shape);
                parameter.grad = gradient;
            }
        }
        var chunk = chunkValues ?? (like.device_type == DeviceType.CPU ? DefaultCpuChunkValues : total);
        _chunks = [.. Enumerable.Range(0, (int)((total + chunk - 1) / chunk)).Select(c =>
        {
            var start = (long)c * chunk;
            var length = Math.Min(chunk, total - start);
            return new Chunk(_values.narrow(0, start, length).DetachFromDisposeScope(), _gradients.narrow(0, start, length).DetachFromDisposeScope(),
                _firstMoment.narrow(0, start, length).DetachFromDisposeScope(), _secondMoment.narrow(0, start, length).DetachFromDisposeScope());
        })];
        _beta1Scalar = beta1.ToScalar();
        _oneMinusBeta1 = (1 - beta1).ToScalar();
        _beta2Scalar = beta2.ToScalar();
        _oneMinusBeta2 = (1 - beta2).ToScalar();
        _epsilonScalar = epsilon.ToScalar();
        _weightDecayScalar = weightDecay != 0 ? weightDecay.ToScalar() : null;
    }

    /// <summary>Views of one stretch of the four buffers.</summary>
    private sealed record Chunk(Tensor Values, Tensor Gradients, Tensor FirstMoment, Tensor SecondMoment) : IDisposable
    {
        public void Dispose()
        {
            Values.Dispose();
            Gradients.Dispose();
            FirstMoment.Dispose();
            SecondMoment.Dispose();
        }
    }

    public double LearningRate { get; set; }

    /// <summary>Steps taken (PyTorch's per-parameter <c>step</c>; the same for all of them here).</summary>
    public long Steps { get; private set; }

    /// <summary>Number of scalar values optimised.</summary>
    public long ValueCount => _values.numel();

    public void ZeroGrad() => _gradients.zero_();

    public void Step()
    {
        if (!_layoutVerified)
            VerifyLayout();
        Steps++;
        var biasCorrection1 = 1 - Math.Pow(_beta1, Steps);
        var biasCorrection2 = 1 - Math.Pow(_beta2, Steps);
        using var noGrad = no_grad();
        using var correction2 = Math.Sqrt(biasCorrection2).ToScalar();
        using var stepSize = (-LearningRate / biasCorrection1).ToScalar();
        foreach (var chunk in _chunks)
        {
            // Temporaries are disposed at once, so the next chunk reuses their (cached) memory.
            using var decayed = _weightDecayScalar is { } decay ? chunk.Gradients.add(chunk.Values, decay) : null;
            var gradient = decayed ?? chunk.Gradients;
            chunk.FirstMoment.mul_(_beta1Scalar).add_(gradient, _oneMinusBeta1);
            chunk.SecondMoment.mul_(_beta2Scalar).addcmul_(gradient, gradient, _oneMinusBeta2);
            // In place after the square root: the same arithmetic as TorchSharp's (sqrt / c) + eps with one temporary fewer.
            using var denominator = chunk.SecondMoment.sqrt().div_(correction2).add_(_epsilonScalar);
            chunk.Values.addcdiv_(chunk.FirstMoment, denominator, stepSize);
        }
    }

    /// <summary>Writes the step count, the layout and both moments (atomically).</summary>
    public void Save(string path)
    {
        AtomicFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            writer.Write(FileMagic);
            writer.Write(Steps);
            writer.Write(_sizes.Length);
            foreach (var size in _sizes)
                writer.Write(size);
            using var firstMoment = _firstMoment.cpu();
            using var secondMoment = _secondMoment.cpu();
            firstMoment.Save(writer);
            secondMoment.Save(writer);
        });
    }

    /// <summary>
    /// Reads a file written by <see cref="Save"/>, or by TorchSharp's <c>optim.Adam</c> over the same parameters (the
    /// epoch-N.optim files of runs trained before this optimizer): a run resumes across the change.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is of neither kind, or was written for other parameters.</exception>
    public void Load(string path)
    {
        string kind;
        using (var stream = File.OpenRead(path))
        using (var reader = new BinaryReader(stream, System.Text.Encoding.UTF8))
        {
            kind = ReadKind(reader, path);
            if (kind == FileMagic)
            {
                LoadOwn(reader, path);
                return;
            }
        }
        LoadTorchSharpAdam(path);
    }

    private static string ReadKind(BinaryReader reader, string path)
    {
        try
        {
            var kind = reader.ReadString();
            return kind is FileMagic or TorchSharpAdamName
                ? kind
                : throw new InvalidDataException($"{path}: not an Adam optimizer state (it starts with '{kind}')");
        }
        catch (Exception e) when (e is IOException or FormatException)
        {
            throw new InvalidDataException($"{path}: not an Adam optimizer state ({e.Message})", e);
        }
    }

    private void LoadOwn(BinaryReader reader, string path)
    {
        try
        {
            var steps = reader.ReadInt64();
            var count = reader.ReadInt32();
            if (count != _sizes.Length)
                throw new InvalidDataException($"{path}: written for {count} parameters, this model has {_sizes.Length}");
            for (var i = 0; i < count; i++)
            {
                var size = reader.ReadInt64();
                if (size != _sizes[i])
                    throw new InvalidDataException($"{path}: parameter {i} had {size} values, this model's has {_sizes[i]}");
            }
            using var firstMoment = zeros(ValueCount, _firstMoment.dtype);
            using var secondMoment = zeros(ValueCount, _secondMoment.dtype);
            firstMoment.Load(reader);
            secondMoment.Load(reader);
            _firstMoment.copy_(firstMoment);
            _secondMoment.copy_(secondMoment);
            Steps = steps;
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"{path}: the optimizer state is truncated", e);
        }
    }

    private void LoadTorchSharpAdam(string path)
    {
        using var legacy = optim.Adam(_parameters, LearningRate, _beta1, _beta2, _epsilon, _weightDecay);
        try
        {
            legacy.load_state_dict(path);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or EndOfStreamException or IOException)
        {
            throw new InvalidDataException($"{path}: TorchSharp's Adam state does not fit this model ({e.Message})", e);
        }
        var states = legacy.state_dict().State.Cast<Adam.State>().ToArray();
        if (states.Length != _parameters.Length)
            throw new InvalidDataException($"{path}: written for {states.Length} parameters, this model has {_parameters.Length}");
        var steps = states.Select(s => s.step).Distinct().ToArray();
        if (steps.Length != 1)
            throw new InvalidDataException($"{path}: the parameters were stepped {string.Join(", ", steps)} times; one flat state needs one count");
        using (no_grad())
        {
            for (var i = 0; i < states.Length; i++)
            {
                using var first = _firstMoment.narrow(0, _offsets[i], _sizes[i]);
                using var second = _secondMoment.narrow(0, _offsets[i], _sizes[i]);
                first.copy_(states[i].exp_avg.flatten());
                second.copy_(states[i].exp_avg_sq.flatten());
            }
        }
        Steps = steps[0];
    }

    /// <summary>
    /// Throws unless each parameter and its gradient still live in the flat buffers (a module's zero_grad with
    /// set_to_none, a move or a reload breaks this, and the optimizer would then step tensors the model no longer uses).
    /// The first <see cref="Step"/> checks; a trainer checks again after anything else touched the model (validation).
    /// </summary>
    public void VerifyLayout()
    {
        var values = _values.storage<float>().data_ptr();
        var gradients = _gradients.storage<float>().data_ptr();
        for (var i = 0; i < _parameters.Length; i++)
        {
            using var gradient = _parameters[i].grad;
            if (_parameters[i].storage<float>().data_ptr() != values || _parameters[i].storage_offset() != _offsets[i]
                || gradient is null || gradient.storage<float>().data_ptr() != gradients || gradient.storage_offset() != _offsets[i])
                throw new InvalidOperationException(
                    $"FlatAdam: parameter {i} or its gradient no longer lives in the flat buffer (the module was moved, reloaded or had its gradients set to none)");
        }
        _layoutVerified = true;
    }

    public void Dispose()
    {
        foreach (var chunk in _chunks)
            chunk.Dispose();
        _beta1Scalar.Dispose();
        _oneMinusBeta1.Dispose();
        _beta2Scalar.Dispose();
        _oneMinusBeta2.Dispose();
        _epsilonScalar.Dispose();
        _weightDecayScalar?.Dispose();
        _values.Dispose();
        _gradients.Dispose();
        _firstMoment.Dispose();
        _secondMoment.Dispose();
    }
}
