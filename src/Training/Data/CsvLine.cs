using System.Text;

namespace Ensemble.Training.Data;

/// <summary>Splits one CSV line (RFC 4180 quoting: fields in double quotes may hold commas; "" is a quote).</summary>
public static class CsvLine
{
    public static IReadOnlyList<string> Split(string line, string file, int lineNumber)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted)
            {
                if (ch != '"')
                    field.Append(ch);
                else if (i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                    quoted = false;
            }
            else if (ch == '"')
                quoted = true;
            else if (ch == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
                field.Append(ch);
        }
        if (quoted)
            throw new DatasetFormatException(file, lineNumber, "unterminated double quote");
        fields.Add(field.ToString());
        return fields;
    }

    /// <summary>Quotes a field when it holds a comma or a quote.</summary>
    public static string Quote(string field) =>
        field.Contains(',') || field.Contains('"') ? $"\"{field.Replace("\"", "\"\"")}\"" : field;
}
