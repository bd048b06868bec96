using Ensemble.Models.Architectures;
using Ensemble.Models.Inspection;

namespace Ensemble.Models.Tests.Inspection;

public sealed class LayerTableTests
{
    [Fact]
    public void Write_EndsWithTheParameterCount()
    {
        using var model = new CustomCnn(new CustomCnnOptions(widthMultiplier: 0.25));
        using var text = new StringWriter();
        var total = LayerTable.Write(model, text);
        var lines = text.ToString().TrimEnd().Split('\n');
        Assert.Equal($"parameters {ModelFactory.CountParameters(model)}", lines[^1]);
        Assert.Equal(ModelFactory.CountParameters(model), total);
        Assert.Contains(lines, l => l.StartsWith("block1.conv1 ", StringComparison.Ordinal) && l.Contains("weight[8x1x3x3]", StringComparison.Ordinal));
    }

    [Fact]
    public void Rows_ListOnlyModulesOwningParameters()
    {
        using var model = new CustomCnn(new CustomCnnOptions(widthMultiplier: 0.25));
        var rows = LayerTable.Rows(model);
        Assert.DoesNotContain(rows, r => r.Name == "block1" || r.Name == "block1.scse" || r.Name.Contains("dropout", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Name == "head_prelu" && r.Parameters == 1);
    }
}
