using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace Ensemble.Models.Inspection;

/// <summary>One row per module that owns parameters directly: its dotted name (the PyTorch prefix), type, shapes, count.</summary>
public sealed record LayerRow(string Name, string Type, string Shapes, long Parameters);

/// <summary>The layer table `ensemble model-info` prints; the last line is <c>parameters N</c>.</summary>
public static class LayerTable
{
    public static IReadOnlyList<LayerRow> Rows(nn.Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        var rows = new List<LayerRow>();
        foreach (var (name, child) in module.named_modules())
        {
            var own = child.named_parameters(recurse: false).ToList();
            if (own.Count == 0)
                continue;
            var shapes = string.Join(" ", own.Select(p => $"{p.name}[{string.Join('x', p.parameter.shape)}]"));
            rows.Add(new LayerRow(name, child.GetType().Name, shapes, own.Sum(p => p.parameter.numel())));
        }
        return rows;
    }

    public static long Write(nn.Module module, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var rows = Rows(module);
        var nameWidth = Math.Max(5, rows.Max(r => r.Name.Length));
        var typeWidth = Math.Max(4, rows.Max(r => r.Type.Length));
        output.WriteLine($"{"layer".PadRight(nameWidth)}  {"type".PadRight(typeWidth)}  {"parameters",12}  shapes");
        foreach (var row in rows)
            output.WriteLine($"{row.Name.PadRight(nameWidth)}  {row.Type.PadRight(typeWidth)}  {row.Parameters.ToString(CultureInfo.InvariantCulture),12}  {row.Shapes}");
        var total = rows.Sum(r => r.Parameters);
        output.WriteLine(FormattableString.Invariant($"parameters {total}"));
        return total;
    }
}
