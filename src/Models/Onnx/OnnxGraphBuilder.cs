using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ensemble.Models.Onnx;

/// <summary>
/// Writes an ONNX graph node by node: typed helpers take TorchSharp modules and copy their weights into
/// initializers, so an architecture emitter reads like the module's forward. Every helper returns the name
/// of the value it produced. Values and nodes get unique names derived from the PyTorch module path.
/// </summary>
public sealed class OnnxGraphBuilder
{
    /// <summary>The ONNX opset the helpers' attribute layouts follow (e.g. ReduceMean axes as an attribute).</summary>
    public const int Opset = 17;

    /// <summary>IR version 8 is the one that goes with opset 17 (ONNX 1.12+).</summary>
    public const int IrVersion = 8;

    private readonly GraphProto _graph;
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    public OnnxGraphBuilder(string graphName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(graphName);
        _graph = new GraphProto { Name = graphName };
    }

    /// <summary>A float input; a dimension is a fixed size (long) or a symbolic name (string) for a dynamic axis.</summary>
    public string AddInput(string name, params object[] dims)
    {
        Reserve(name);
        _graph.Input.Add(ValueInfo(name, dims));
        return name;
    }

    /// <summary>Names <paramref name="value"/> as a graph output (through an Identity node when it has another name).</summary>
    public void AddOutput(string value, string name, params object[] dims)
    {
        if (value != name)
            Node("Identity", [value], name);
        _graph.Output.Add(ValueInfo(name, dims));
    }

    /// <summary>A float constant with the contents of <paramref name="tensor"/> (copied to the CPU).</summary>
    public string Initializer(string name, Tensor tensor)
    {
        using var scope = NewDisposeScope(); // the detached/converted intermediates
        var cpu = tensor.detach().to(ScalarType.Float32).cpu().contiguous();
        return Initializer(name, cpu.data<float>().ToArray(), cpu.shape);
    }

    public string Initializer(string name, float[] values, params long[] dims)
    {
        var proto = new TensorProto { Name = Unique(name), DataType = (int)TensorProto.Types.DataType.Float };
        proto.Dims.AddRange(dims);
        proto.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan()));
        _graph.Initializer.Add(proto);
        return proto.Name;
    }

    public string Int64Initializer(string name, params long[] values)
    {
        var proto = new TensorProto { Name = Unique(name), DataType = (int)TensorProto.Types.DataType.Int64 };
        proto.Dims.Add(values.Length);
        proto.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan()));
        _graph.Initializer.Add(proto);
        return proto.Name;
    }

    /// <summary>Any node with one output; prefer the typed helpers below.</summary>
    public string Node(string opType, IReadOnlyList<string> inputs, string outputName, params AttributeProto[] attributes)
    {
        var output = Unique(outputName);
        var node = new NodeProto { OpType = opType, Name = output };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        return output;
    }

    public string Conv(string x, Conv2d conv, string name)
    {
        if (conv.padding_mode != PaddingModes.Zeros)
            throw new OnnxExportException($"{name}: padding mode {conv.padding_mode} is not supported (only zeros)");
        var pads = ConvPads(conv, name);
        var inputs = new List<string> { x, Initializer($"{name}.weight", conv.weight) };
        if (conv.bias is not null)
            inputs.Add(Initializer($"{name}.bias", conv.bias));
        return Node("Conv", inputs, name,
            Ints("kernel_shape", conv.kernel_size),
            Ints("strides", conv.stride),
            Ints("pads", [pads[0], pads[1], pads[0], pads[1]]),
            Ints("dilations", conv.dilation),
            Int("group", conv.groups));
    }

    /// <summary>Inference-mode batch norm with the running statistics.</summary>
    public string BatchNorm(string x, BatchNorm bn, string name)
    {
        if (bn.running_mean is null || bn.running_var is null)
            throw new OnnxExportException($"{name}: batch norm without running statistics cannot run in inference mode");
        var channels = bn.num_features;
        var scale = bn.weight is null ? Initializer($"{name}.weight", Filled(channels, 1f), channels) : Initializer($"{name}.weight", bn.weight);
        var bias = bn.bias is null ? Initializer($"{name}.bias", Filled(channels, 0f), channels) : Initializer($"{name}.bias", bn.bias);
        return Node("BatchNormalization",
            [x, scale, bias, Initializer($"{name}.running_mean", bn.running_mean), Initializer($"{name}.running_var", bn.running_var)],
            name,
            Float("epsilon", (float)bn.eps));
    }

    public string Relu(string x, string name) => Node("Relu", [x], name);

    public string Sigmoid(string x, string name) => Node("Sigmoid", [x], name);

    public string Add(string a, string b, string name) => Node("Add", [a, b], name);

    public string Mul(string a, string b, string name) => Node("Mul", [a, b], name);

    public string MaxPool(string x, long[] kernel, long[] stride, long[] padding, string name, bool ceilMode = false) =>
        Node("MaxPool", [x], name,
            Ints("kernel_shape", kernel), Ints("strides", stride),
            Ints("pads", [padding[0], padding[1], padding[0], padding[1]]), Int("ceil_mode", ceilMode ? 1 : 0));

    public string MaxPool(string x, MaxPool2d pool, string name)
    {
        if (pool.dilation.Any(d => d != 1))
            throw new OnnxExportException($"{name}: dilated max pooling is not supported");
        return MaxPool(x, pool.kernel_size, pool.stride ?? pool.kernel_size, pool.padding ?? [0, 0], name, pool.ceil_mode);
    }

    /// <summary>PyTorch averages over padding by default (count_include_pad=True); ONNX's default is the opposite.</summary>
    public string AveragePool(string x, long[] kernel, long[] stride, long[] padding, bool countIncludePad, string name, bool ceilMode = false) =>
        Node("AveragePool", [x], name,
            Ints("kernel_shape", kernel), Ints("strides", stride),
            Ints("pads", [padding[0], padding[1], padding[0], padding[1]]),
            Int("count_include_pad", countIncludePad ? 1 : 0), Int("ceil_mode", ceilMode ? 1 : 0));

    public string AveragePool(string x, AvgPool2d pool, string name)
    {
        if (pool.divisor_override is not null)
            throw new OnnxExportException($"{name}: average pooling with divisor_override is not supported");
        return AveragePool(x, pool.kernel_size, pool.stride ?? pool.kernel_size, pool.padding ?? [0, 0], pool.count_include_pad, name, pool.ceil_mode);
    }

    public string GlobalAveragePool(string x, string name) => Node("GlobalAveragePool", [x], name);

    public string GlobalMaxPool(string x, string name) => Node("GlobalMaxPool", [x], name);

    public string ReduceMean(string x, long[] axes, bool keepDims, string name) =>
        Node("ReduceMean", [x], name, Ints("axes", axes), Int("keepdims", keepDims ? 1 : 0));

    public string ReduceMax(string x, long[] axes, bool keepDims, string name) =>
        Node("ReduceMax", [x], name, Ints("axes", axes), Int("keepdims", keepDims ? 1 : 0));

    public string Concat(IReadOnlyList<string> inputs, long axis, string name) => Node("Concat", inputs, name, Int("axis", axis));

    public string Flatten(string x, long axis, string name) => Node("Flatten", [x], name, Int("axis", axis));

    /// <summary>A linear layer on [N, in]: Gemm with the PyTorch [out, in] weight transposed.</summary>
    public string Gemm(string x, Linear linear, string name)
    {
        var inputs = new List<string> { x, Initializer($"{name}.weight", linear.weight) };
        if (linear.bias is not null)
            inputs.Add(Initializer($"{name}.bias", linear.bias));
        return Node("Gemm", inputs, name, Int("transB", 1));
    }

    /// <summary>A linear layer on the last axis of any rank: MatMul with the transposed weight, then Add.</summary>
    public string MatMul(string x, Linear linear, string name)
    {
        string weight;
        using (var scope = NewDisposeScope())
            weight = Initializer($"{name}.weight_t", linear.weight.detach().t());
        var product = Node("MatMul", [x, weight], $"{name}.matmul");
        return linear.bias is null ? product : Add(product, Initializer($"{name}.bias", linear.bias), name);
    }

    /// <summary>PReLU; the slope is reshaped to [C, 1, …] so it broadcasts over the channel axis (axis 1) of a rank-<paramref name="inputRank"/> input.</summary>
    public string PRelu(string x, PReLU prelu, int inputRank, string name)
    {
        float[] slope;
        using (var scope = NewDisposeScope())
            slope = prelu.weight.detach().to(ScalarType.Float32).cpu().contiguous().data<float>().ToArray();
        var dims = slope.Length == 1 ? [1L] : new long[Math.Max(1, inputRank - 1)];
        if (slope.Length > 1)
        {
            Array.Fill(dims, 1L);
            dims[0] = slope.Length;
        }
        return Node("PRelu", [x, Initializer($"{name}.weight", slope, dims)], name);
    }

    /// <summary>
    /// Per-crop standardisation of float [N, C, F, T], exactly <see cref="Inference.CropNormalization"/>: (x − mean) /
    /// (std + epsilon) over C × F × T with the population std, so the file takes raw log-mel dB crops like the Torch
    /// runner. Computed in double and rounded once, as the span version does: float32 sums over a 128×128 crop
    /// differ with the batch's memory layout, and the network amplified that to 5e-5 in the logits.
    /// </summary>
    public string CropStandardize(string x, double epsilon, string name)
    {
        long[] axes = [1, 2, 3];
        var wide = Cast(x, TensorProto.Types.DataType.Double, $"{name}.double");
        var mean = ReduceMean(wide, axes, keepDims: true, $"{name}.mean");
        var centred = Node("Sub", [wide, mean], $"{name}.centred");
        var variance = ReduceMean(Mul(centred, centred, $"{name}.squares"), axes, keepDims: true, $"{name}.variance");
        var std = Node("Sqrt", [variance], $"{name}.std");
        var denominator = Add(std, DoubleInitializer($"{name}.epsilon", epsilon), $"{name}.denominator");
        var scale = Node("Reciprocal", [denominator], $"{name}.scale"); // (x − mean) · 1/(std + ε), in the span version's order
        return Cast(Mul(centred, scale, $"{name}.scaled"), TensorProto.Types.DataType.Float, name);
    }

    public string Cast(string x, TensorProto.Types.DataType to, string name) => Node("Cast", [x], name, Int("to", (long)to));

    /// <summary>A double scalar constant.</summary>
    public string DoubleInitializer(string name, double value)
    {
        var proto = new TensorProto { Name = Unique(name), DataType = (int)TensorProto.Types.DataType.Double };
        proto.RawData = ByteString.CopyFrom(BitConverter.GetBytes(value));
        _graph.Initializer.Add(proto);
        return proto.Name;
    }

    /// <summary>Broadcasts <paramref name="x"/> (e.g. [N, 1, F, T]) to <paramref name="shape"/> (e.g. [1, 3, 1, 1]): a channel repeat.</summary>
    public string Expand(string x, long[] shape, string name) => Node("Expand", [x, Int64Initializer($"{name}.shape", shape)], name);

    public ModelProto Build(string producerVersion, IReadOnlyDictionary<string, string> metadata)
    {
        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "Ensemble",
            ProducerVersion = producerVersion,
            Graph = _graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        foreach (var (key, value) in metadata)
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        return model;
    }

    private static long[] ConvPads(Conv2d conv, string name)
    {
        if (conv.padding is { } explicitPads)
            return explicitPads.Length == 1 ? [explicitPads[0], explicitPads[0]] : explicitPads;
        if (conv.padding_type == Padding.Valid)
            return [0, 0];
        // padding='same' with stride 1: symmetric only when (kernel - 1) * dilation is even.
        var pads = new long[2];
        for (var i = 0; i < 2; i++)
        {
            var total = (conv.kernel_size[i] - 1) * conv.dilation[i];
            if (total % 2 != 0)
                throw new OnnxExportException($"{name}: padding='same' with an even kernel needs asymmetric padding, not supported");
            pads[i] = total / 2;
        }
        return pads;
    }

    private static float[] Filled(long count, float value)
    {
        var values = new float[count];
        Array.Fill(values, value);
        return values;
    }

    private static ValueInfoProto ValueInfo(string name, object[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var dim in dims)
        {
            shape.Dim.Add(dim switch
            {
                string symbol => new TensorShapeProto.Types.Dimension { DimParam = symbol },
                long size => new TensorShapeProto.Types.Dimension { DimValue = size },
                int size => new TensorShapeProto.Types.Dimension { DimValue = size },
                _ => throw new ArgumentException($"dimension {dim} is neither a size nor a symbolic name", nameof(dims)),
            });
        }
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }

    private static AttributeProto Ints(string name, IEnumerable<long> values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    private static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    private static AttributeProto Float(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    private void Reserve(string name)
    {
        if (!_names.Add(name))
            throw new OnnxExportException($"value name '{name}' is used twice");
    }

    private string Unique(string name)
    {
        var candidate = name;
        for (var i = 1; !_names.Add(candidate); i++)
            candidate = $"{name}_{i}";
        return candidate;
    }
}
