using System.Text;

namespace OmniErp.IntegrationTests.Reports;

/// <summary>An RFC 4180 reader for the report exports (CRLF rows, quoted fields), shared with the browser tests.</summary>
public static class CsvFile
{
    /// <summary>Rows of a CSV file (header first); asserts the UTF-8 BOM.</summary>
    public static List<string[]> Parse(byte[] bytes)
    {
        Assert.True(bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF, "CSV starts with a UTF-8 BOM");
        var text = new UTF8Encoding(false, true).GetString(bytes, 3, bytes.Length - 3);
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(field.ToString()); field.Clear();
                rows.Add([.. row]); row.Clear();
                i++;
            }
            else field.Append(c);
        }
        Assert.Equal(0, field.Length);
        return rows;
    }
}
