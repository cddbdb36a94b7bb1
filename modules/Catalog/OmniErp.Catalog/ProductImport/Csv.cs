using System.Text;

namespace OmniErp.Catalog.ProductImport;

/// <summary>RFC 4180 CSV: comma-separated, fields with commas, quotes or line breaks in double quotes, "" for a quote.</summary>
internal static class Csv
{
    /// <summary>Reads every record; a leading byte-order mark is skipped. Throws FormatException on an unclosed quote.</summary>
    public static List<string[]> Read(TextReader reader)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;
        var atStart = true;
        var any = false;
        int ch;
        var first = true;
        while ((ch = reader.Read()) != -1)
        {
            var c = (char)ch;
            if (first) { first = false; if (c == '\uFEFF') continue; }
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"') { reader.Read(); field.Append('"'); }
                    else inQuotes = false;
                }
                else field.Append(c);
                continue;
            }
            switch (c)
            {
                case '"' when atStart:
                    inQuotes = true; atStart = false; any = true;
                    break;
                case ',':
                    fields.Add(field.ToString()); field.Clear(); atStart = true; any = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    if (any || field.Length > 0) { fields.Add(field.ToString()); records.Add([.. fields]); }
                    fields.Clear(); field.Clear(); atStart = true; any = false;
                    break;
                default:
                    field.Append(c); atStart = false; any = true;
                    break;
            }
        }
        if (inQuotes) throw new FormatException($"A quoted field opened in record {records.Count + 1} is never closed.");
        if (any || field.Length > 0) { fields.Add(field.ToString()); records.Add([.. fields]); }
        return records;
    }

    public static void WriteRecord(TextWriter writer, IReadOnlyList<string?> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0) writer.Write(',');
            var f = fields[i] ?? "";
            if (f.AsSpan().IndexOfAny(",\"\r\n") >= 0) writer.Write('"' + f.Replace("\"", "\"\"") + '"');
            else writer.Write(f);
        }
        writer.Write("\r\n");
    }
}
