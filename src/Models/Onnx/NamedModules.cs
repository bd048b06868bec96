using TorchSharp;
using static TorchSharp.torch;

namespace Ensemble.Models.Onnx;

/// <summary>A module tree indexed by PyTorch module path ("Mixed_5b.branch1x1.conv"), for emitters that walk it by name.</summary>
public sealed class NamedModules
{
    private readonly Dictionary<string, nn.Module> _modules;

    public NamedModules(nn.Module root)
    {
        ArgumentNullException.ThrowIfNull(root);
        _modules = root.named_modules().ToDictionary(entry => entry.name, entry => entry.module, StringComparer.Ordinal);
        _modules[""] = root;
        Root = root;
    }

    public nn.Module Root { get; }

    public bool Contains(string path) => _modules.ContainsKey(path);

    /// <summary>The module at <paramref name="path"/>; a missing module or another type is an export error naming the path.</summary>
    public T Get<T>(string path) where T : nn.Module
    {
        if (!_modules.TryGetValue(path, out var module))
            throw new OnnxExportException($"module '{path}' not found in {Root.GetName()}");
        return module as T
            ?? throw new OnnxExportException($"module '{path}' is a {module.GetType().Name}, expected {typeof(T).Name}");
    }
}
