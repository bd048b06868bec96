using Ensemble.Cli;
using YamlDotNet.RepresentationModel;

namespace Ensemble.Cli.Tests.Deploy;

/// <summary>The repository's deploy/ folder and its YAML documents, navigated by key.</summary>
internal static class DeployFolder
{
    public static string Path => System.IO.Path.Combine(RepositoryLayout.FindRoot(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("repository root not found"), "deploy");

    public static string File(string relative) => System.IO.Path.Combine(Path, relative);

    /// <summary>Every document of a (multi-document) YAML file.</summary>
    public static IReadOnlyList<YamlMappingNode> Documents(string relative)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(File(relative)))
            stream.Load(reader);
        return stream.Documents.Select(d => (YamlMappingNode)d.RootNode).ToArray();
    }

    public static YamlNode At(this YamlNode node, params string[] keys)
    {
        foreach (var key in keys)
        {
            var mapping = node as YamlMappingNode ?? throw new InvalidOperationException($"{node.Start}: not a mapping where {key} was expected");
            node = mapping.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : throw new KeyNotFoundException($"{node.Start}: no {key}");
        }
        return node;
    }

    public static YamlNode? Find(this YamlNode node, params string[] keys)
    {
        try
        {
            return node.At(keys);
        }
        catch (KeyNotFoundException)
        {
            return null;
        }
    }

    public static string Text(this YamlNode node) => ((YamlScalarNode)node).Value ?? "";

    public static IEnumerable<YamlNode> Items(this YamlNode node) => ((YamlSequenceNode)node).Children;
}
