namespace Ensemble.Settings;

/// <summary>Collects every problem of an options record so construction reports them all at once.</summary>
public sealed class OptionProblems(string typeName)
{
    private readonly List<(string Field, string Problem)> _problems = [];

    public void Require(bool condition, string field, string problem)
    {
        if (!condition)
            _problems.Add((field, problem));
    }

    /// <summary>Throws one ArgumentException listing every problem; its ParamName is the first offending field.</summary>
    public void ThrowIfAny()
    {
        if (_problems.Count == 0)
            return;
        var message = string.Join("; ", _problems.Select(p => $"{typeName}.{p.Field} {p.Problem}"));
        throw new ArgumentException(message, _problems[0].Field);
    }
}
