using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;
using System.Xml;

namespace AnSinh.Platform.Excel;

/// <summary>The file is not a readable .xlsx workbook. The message is in Vietnamese and can be shown to the user.</summary>
public sealed class XlsxFormatException : Exception
{
    public XlsxFormatException(string message)
        : base(message)
    {
    }

    public XlsxFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>One non-empty row of a worksheet.</summary>
public sealed class XlsxRow
{
    private readonly int[]? _formulaColumns;

    internal XlsxRow(int number, string?[] values, int[]? formulaColumns)
    {
        Number = number;
        Values = values;
        _formulaColumns = formulaColumns;
    }

    /// <summary>1-based row number (the row's <c>r</c> attribute).</summary>
    public int Number { get; }

    /// <summary>Cell texts, index 0 = column A; missing cells are <c>null</c>; trailing empty cells are absent.</summary>
    public string?[] Values { get; }

    /// <summary>Whether the cell holds a formula (its cached result is still in <see cref="Values"/>).</summary>
    public bool HasFormula(int column) => _formulaColumns is not null && Array.IndexOf(_formulaColumns, column) >= 0;

    /// <summary>Cell text, or <c>null</c> when the cell is absent or empty.</summary>
    public string? this[int column] => column >= 0 && column < Values.Length ? Values[column] : null;
}

/// <summary>
/// How much text the reader takes from a workbook before it refuses it: a cell is read in chunks and
/// refused as soon as it passes <see cref="MaxCellText"/>, so a crafted file (one cell of hundreds of
/// millions of characters compresses to a few hundred kilobytes) is never built up in memory.
/// </summary>
public sealed record XlsxLimits(int MaxCellText = XlsxLimits.ExcelMaxCellText, int MaxSharedStrings = 10_000_000, long MaxSharedStringChars = 100_000_000)
{
    /// <summary>Excel's own limit of the characters in a cell.</summary>
    public const int ExcelMaxCellText = 32_767;

    public static XlsxLimits Default { get; } = new();
}

/// <summary>
/// Minimal streaming .xlsx reader: reads the first worksheet row by row with an <see cref="XmlReader"/>;
/// only the shared-strings table is held in memory, within <see cref="XlsxLimits"/>.
/// </summary>
public sealed class XlsxReader : IDisposable
{
    internal const int MaxColumns = 16384; // XFD

    private const string NotXlsxMessage =
        "Tệp không phải là tệp Excel .xlsx (có thể là tệp .xls cũ, .csv hoặc tệp khác). Hãy mở tệp bằng Excel và lưu lại dưới dạng \"Excel Workbook (*.xlsx)\".";

    private const string CorruptPrefix = "Tệp Excel bị hỏng hoặc không đúng định dạng .xlsx";

    private const string DamagedMessage = CorruptPrefix + ": tệp bị cắt cụt hoặc hư hỏng; hãy mở lại bằng Excel, lưu lại rồi tải lên.";

    private static readonly XmlReaderSettings ReaderSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    private readonly ZipArchive _zip;
    private readonly Stream? _ownedStream;
    private readonly Dictionary<string, ZipArchiveEntry> _entries;
    private readonly string _sheetPath;
    private readonly List<string> _sharedStrings;
    private readonly XlsxLimits _limits;
    private readonly char[] _chunk = new char[4096];
    private readonly StringBuilder _text = new();
    private bool _disposed;

    private XlsxReader(ZipArchive zip, Stream? ownedStream, XlsxLimits limits)
    {
        _zip = zip;
        _ownedStream = ownedStream;
        _limits = limits;
        _entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in zip.Entries)
        {
            _entries.TryAdd(entry.FullName.Replace('\\', '/').TrimStart('/'), entry);
        }

        try
        {
            (_sheetPath, var sharedStringsPath) = LocateParts();
            _sharedStrings = sharedStringsPath is null ? [] : LoadSharedStrings(sharedStringsPath);
        }
        catch (Exception ex) when (ex is XmlException or InvalidDataException or IOException)
        {
            throw Corrupt("không đọc được cấu trúc sổ làm việc", ex);
        }
    }

    /// <summary>
    /// Opens a workbook. A non-seekable stream is copied into memory first. The stream is left open.
    /// Throws <see cref="XlsxFormatException"/> when the stream is not a zip file or the workbook is damaged.
    /// </summary>
    public static XlsxReader Open(Stream stream, XlsxLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Stream source = stream;
        MemoryStream? owned = null;
        if (!stream.CanSeek)
        {
            owned = new MemoryStream();
            stream.CopyTo(owned);
            owned.Position = 0;
            source = owned;
        }

        ZipArchive zip;
        try
        {
            zip = new ZipArchive(source, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or ArgumentException or NotSupportedException)
        {
            // A file that starts like a zip (PK\x03\x04) is an .xlsx that was cut short or damaged.
            var looksLikeZip = StartsWithZipSignature(source);
            owned?.Dispose();
            throw new XlsxFormatException(looksLikeZip ? DamagedMessage : NotXlsxMessage, ex);
        }

        try
        {
            return new XlsxReader(zip, owned, limits ?? XlsxLimits.Default);
        }
        catch
        {
            zip.Dispose();
            owned?.Dispose();
            throw;
        }
    }

    private static bool StartsWithZipSignature(Stream s)
    {
        try
        {
            s.Position = 0;
            Span<byte> head = stackalloc byte[4];
            return s.ReadAtLeast(head, 4, throwOnEndOfStream: false) == 4 && head[0] == 0x50 && head[1] == 0x4B && head[2] == 0x03 && head[3] == 0x04;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>0 → "A", 25 → "Z", 26 → "AA", 27 → "AB".</summary>
    public static string ColumnName(int column)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(column);
        Span<char> buffer = stackalloc char[8];
        var pos = buffer.Length;
        var n = (long)column + 1;
        while (n > 0)
        {
            n--;
            buffer[--pos] = (char)('A' + (int)(n % 26));
            n /= 26;
        }

        return new string(buffer[pos..]);
    }

    /// <summary>
    /// Streams the rows of the first worksheet (in workbook order). Rows without any value are skipped.
    /// Shared strings, inline strings, booleans ("TRUE"/"FALSE"), numbers (their stored invariant text),
    /// formula results and error values are returned as text. Each call starts again from the top.
    /// </summary>
    public IEnumerable<XlsxRow> ReadRows()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return WrapErrors(ReadRowsCore(), _sheetPath);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _zip.Dispose();
        _ownedStream?.Dispose();
    }

    private static IEnumerable<XlsxRow> WrapErrors(IEnumerable<XlsxRow> rows, string part)
    {
        using var e = rows.GetEnumerator();
        while (true)
        {
            bool hasRow;
            try
            {
                hasRow = e.MoveNext();
            }
            catch (XmlException ex)
            {
                throw Corrupt($"không đọc được {part} (dòng XML {ex.LineNumber})", ex);
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException)
            {
                throw Corrupt($"không giải nén được {part}", ex);
            }

            if (!hasRow)
            {
                yield break;
            }

            yield return e.Current;
        }
    }

    private IEnumerable<XlsxRow> ReadRowsCore()
    {
        using var xml = OpenXml(_sheetPath);
        var values = new List<string?>(16);
        var formulas = new List<int>();
        var lastRow = 0;
        while (xml.Read())
        {
            if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "row")
            {
                continue;
            }

            var rowNumber = int.TryParse(xml.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r > 0
                ? r
                : lastRow + 1;
            lastRow = rowNumber;
            values.Clear();
            formulas.Clear();

            if (!xml.IsEmptyElement)
            {
                var depth = xml.Depth;
                var lastColumn = -1;
                while (xml.Read())
                {
                    if (xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth)
                    {
                        break;
                    }

                    if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "c")
                    {
                        lastColumn = ReadCell(xml, lastColumn, values, formulas);
                    }
                }
            }

            while (values.Count > 0 && values[^1] is null && !formulas.Contains(values.Count - 1))
            {
                values.RemoveAt(values.Count - 1);
            }

            if (values.Count == 0)
            {
                continue;
            }

            yield return new XlsxRow(rowNumber, values.ToArray(), formulas.Count > 0 ? formulas.ToArray() : null);
        }
    }

    // Reader is on <c>; leaves it on </c> (or on the empty <c/>). Returns the cell's column index.
    private int ReadCell(XmlReader xml, int lastColumn, List<string?> values, List<int> formulas)
    {
        var reference = xml.GetAttribute("r");
        var type = xml.GetAttribute("t");
        var column = reference is null ? -1 : ParseColumn(reference);
        if (column < 0)
        {
            column = lastColumn + 1;
        }

        if (column >= MaxColumns)
        {
            throw Corrupt($"tham chiếu ô \"{reference}\" vượt quá cột XFD");
        }

        string? v = null, inline = null;
        var hasFormula = false;
        if (!xml.IsEmptyElement)
        {
            var depth = xml.Depth;
            while (xml.Read())
            {
                if (xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth)
                {
                    break;
                }

                if (xml.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                switch (xml.LocalName)
                {
                    case "v":
                        v = ReadText(xml, reference, column);
                        break;
                    case "f":
                        hasFormula = true; // formula text is skipped by the loop
                        break;
                    case "is":
                        inline = ReadRichText(xml, reference, column);
                        break;
                }
            }
        }

        var value = type switch
        {
            "s" => SharedString(v),
            "inlineStr" => inline ?? v,
            "b" => v switch { "1" => "TRUE", "0" => "FALSE", _ => v },
            _ => v ?? inline,
        };

        while (values.Count <= column)
        {
            values.Add(null);
        }

        values[column] = value;
        if (hasFormula)
        {
            formulas.Add(column);
        }

        return column;
    }

    private string? SharedString(string? index)
    {
        if (index is null)
        {
            return null;
        }

        if (!int.TryParse(index, NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var i)
            || i < 0 || i >= _sharedStrings.Count)
        {
            throw Corrupt($"chuỗi dùng chung số {index} không tồn tại");
        }

        return _sharedStrings[i];
    }

    // "AB12" → 27; -1 when the reference has no column letters.
    private static int ParseColumn(string reference)
    {
        var column = 0;
        var i = 0;
        for (; i < reference.Length; i++)
        {
            var c = reference[i];
            int d;
            if (c is >= 'A' and <= 'Z')
            {
                d = c - 'A' + 1;
            }
            else if (c is >= 'a' and <= 'z')
            {
                d = c - 'a' + 1;
            }
            else
            {
                break;
            }

            column = (column * 26) + d;
            if (column > MaxColumns)
            {
                return MaxColumns;
            }
        }

        return i == 0 ? -1 : column - 1;
    }

    // Reader is on <v> (or a cell's <t>); returns its text content and leaves the reader on its end tag.
    private string ReadText(XmlReader xml, string? reference, int column)
    {
        _text.Clear();
        AppendText(xml, reference, column, shared: false);
        return _text.ToString();
    }

    // <is> of a cell, within the cell limit.
    private string ReadRichText(XmlReader xml, string? reference, int column)
    {
        _text.Clear();
        AppendRichText(xml, reference, column, shared: false);
        return _text.ToString();
    }

    /// <summary>
    /// Appends the element's text to <see cref="_text"/> a chunk at a time (<see cref="XmlReader.ReadValueChunk"/>:
    /// a text node is never built whole) and refuses the file as soon as it passes the cell limit.
    /// Leaves the reader on the element's end tag. <paramref name="index"/> is the cell's column, or the shared string's number.
    /// </summary>
    private void AppendText(XmlReader xml, string? reference, int index, bool shared)
    {
        if (xml.IsEmptyElement)
        {
            return;
        }

        var depth = xml.Depth;
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth)
            {
                break;
            }

            if (xml.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
            {
                int n;
                while ((n = xml.ReadValueChunk(_chunk, 0, _chunk.Length)) > 0)
                {
                    if (_text.Length + n > _limits.MaxCellText)
                    {
                        throw shared ? SharedStringTooLong(index) : CellTooLong(reference, index);
                    }

                    _text.Append(_chunk, 0, n);
                }
            }
        }
    }

    // <si> or <is>: concatenation of all <t> (plain or inside rich-text runs <r>), phonetic runs <rPh> excluded.
    private void AppendRichText(XmlReader xml, string? reference, int index, bool shared)
    {
        if (xml.IsEmptyElement)
        {
            return;
        }

        var depth = xml.Depth;
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth)
            {
                break;
            }

            if (xml.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (xml.LocalName == "t")
            {
                AppendText(xml, reference, index, shared);
            }
            else if (xml.LocalName == "rPh" && !xml.IsEmptyElement)
            {
                // Skipped unread: text nodes passed over by Read() are not built.
                var skipDepth = xml.Depth;
                while (xml.Read() && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == skipDepth))
                {
                }
            }
        }
    }

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture).Replace(',', '.');

    private XlsxFormatException CellTooLong(string? reference, int column) =>
        new($"Ô {reference ?? XlsxReader.ColumnName(column)} của tệp Excel dài hơn {Count(_limits.MaxCellText)} ký tự (giới hạn một ô của Excel); tệp không được đọc tiếp. Hãy sửa ô đó trong Excel rồi tải lên lại.");

    private XlsxFormatException SharedStringTooLong(int index) =>
        new($"Chuỗi văn bản dùng chung số {Count(index + 1)} của tệp Excel dài hơn {Count(_limits.MaxCellText)} ký tự (giới hạn một ô của Excel); tệp không được đọc tiếp. Hãy sửa ô đó trong Excel rồi tải lên lại.");

    private (string Sheet, string? SharedStrings) LocateParts()
    {
        const string workbookPath = "xl/workbook.xml";
        if (!_entries.ContainsKey(workbookPath))
        {
            throw Corrupt("thiếu phần xl/workbook.xml");
        }

        var sheetRelIds = new List<string>();
        using (var xml = OpenXml(workbookPath))
        {
            while (xml.Read())
            {
                if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "sheet" && RelationshipId(xml) is { } id)
                {
                    sheetRelIds.Add(id);
                }
            }
        }

        var rels = new Dictionary<string, (string Type, string Target)>(StringComparer.Ordinal);
        const string relsPath = "xl/_rels/workbook.xml.rels";
        if (_entries.ContainsKey(relsPath))
        {
            using var xml = OpenXml(relsPath);
            while (xml.Read())
            {
                if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "Relationship"
                    || string.Equals(xml.GetAttribute("TargetMode"), "External", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var id = xml.GetAttribute("Id");
                var target = xml.GetAttribute("Target");
                if (id is not null && target is not null)
                {
                    rels.TryAdd(id, (xml.GetAttribute("Type") ?? "", ResolveTarget("xl/", target)));
                }
            }
        }

        string? sheet = null;
        foreach (var id in sheetRelIds)
        {
            if (rels.TryGetValue(id, out var rel)
                && rel.Type.EndsWith("/worksheet", StringComparison.OrdinalIgnoreCase)
                && _entries.ContainsKey(rel.Target))
            {
                sheet = rel.Target;
                break;
            }
        }

        if (sheet is null && rels.Count == 0 && _entries.ContainsKey("xl/worksheets/sheet1.xml"))
        {
            sheet = "xl/worksheets/sheet1.xml";
        }

        if (sheet is null)
        {
            throw Corrupt("không tìm thấy trang tính (worksheet) nào");
        }

        string? sharedStrings = null;
        foreach (var rel in rels.Values)
        {
            if (rel.Type.EndsWith("/sharedStrings", StringComparison.OrdinalIgnoreCase) && _entries.ContainsKey(rel.Target))
            {
                sharedStrings = rel.Target;
                break;
            }
        }

        if (sharedStrings is null && _entries.ContainsKey("xl/sharedStrings.xml"))
        {
            sharedStrings = "xl/sharedStrings.xml";
        }

        return (sheet, sharedStrings);
    }

    private List<string> LoadSharedStrings(string path)
    {
        var result = new List<string>();
        long total = 0;
        using var xml = OpenXml(path);
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "si")
            {
                if (result.Count >= _limits.MaxSharedStrings)
                {
                    throw new XlsxFormatException($"Tệp Excel có hơn {Count(_limits.MaxSharedStrings)} chuỗi văn bản dùng chung, quá giới hạn đọc được; hãy chia thành nhiều tệp nhỏ hơn.");
                }

                var index = result.Count;
                _text.Clear();
                AppendRichText(xml, null, index, shared: true);
                total += _text.Length;
                if (total > _limits.MaxSharedStringChars)
                {
                    throw new XlsxFormatException($"Các chuỗi văn bản dùng chung của tệp Excel dài hơn {Count(_limits.MaxSharedStringChars)} ký tự cộng lại, quá giới hạn đọc được; hãy chia thành nhiều tệp nhỏ hơn.");
                }

                result.Add(_text.ToString());
            }
        }

        _text.Clear();
        return result;
    }

    private static string? RelationshipId(XmlReader xml)
    {
        string? id = null;
        if (xml.MoveToFirstAttribute())
        {
            do
            {
                if (xml.LocalName == "id" && xml.NamespaceURI.Length > 0)
                {
                    id = xml.Value;
                    break;
                }
            }
            while (xml.MoveToNextAttribute());

            xml.MoveToElement();
        }

        return id;
    }

    private static string ResolveTarget(string baseDirectory, string target)
    {
        target = Uri.UnescapeDataString(target).Replace('\\', '/');
        var combined = target.StartsWith('/') ? target : baseDirectory + target;
        var parts = new List<string>();
        foreach (var p in combined.Split('/'))
        {
            if (p is "" or ".")
            {
                continue;
            }

            if (p == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else
            {
                parts.Add(p);
            }
        }

        return string.Join('/', parts);
    }

    private XmlReader OpenXml(string path) => XmlReader.Create(_entries[path].Open(), ReaderSettings);

    private static XlsxFormatException Corrupt(string detail, Exception? inner = null)
    {
        var message = $"{CorruptPrefix}: {detail}. Hãy mở tệp bằng Excel, lưu lại dưới dạng .xlsx rồi thử lại.";
        return inner is null ? new XlsxFormatException(message) : new XlsxFormatException(message, inner);
    }
}

/// <summary>
/// Writes a workbook to any stream, the HTTP response included: the zip is written synchronously
/// into a temporary file (deleted on close), then copied asynchronously.
/// </summary>
public static class XlsxOutput
{
    public static async Task WriteAsync(Stream output, string sheet, Func<XlsxWriter, Task> body, CancellationToken ct)
    {
        await using var temp = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
        using (var w = new XlsxWriter(temp, sheet))
        {
            await body(w);
        }
        temp.Position = 0;
        await temp.CopyToAsync(output, ct);
    }

    public static Task WriteAsync(Stream output, string sheet, Action<XlsxWriter> body, CancellationToken ct) =>
        WriteAsync(output, sheet, w =>
        {
            body(w);
            return Task.CompletedTask;
        }, ct);
}

/// <summary>
/// Minimal streaming .xlsx writer: one worksheet, inline strings, a bold style for the header row.
/// Rows go straight into the compressed sheet part, so memory stays flat however many rows are written.
/// </summary>
public sealed class XlsxWriter : IDisposable
{
    private const string MainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const int MaxRows = 1_048_576;
    private const int MaxCellText = 32_767;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly ZipArchive _zip;
    private readonly Stream _sheetStream;
    private readonly XmlWriter _xml;
    private readonly List<string> _columnNames = [];
    private readonly string _sheetName;
    private bool _sheetDataOpen;
    private bool _disposed;
    private int _rowNumber;
    private LineChart? _chart;

    private sealed record LineChart(string Title, int FirstRow, int LastRow, int CategoryColumn, IReadOnlyList<(int Column, string Name)> Series, int AnchorRow);

    /// <summary>The number of rows written so far (the next row is this + 1).</summary>
    public int RowCount => _rowNumber;

    /// <summary>Starts a workbook with one sheet named <paramref name="sheetName"/> (made valid for Excel). The output stream is left open.</summary>
    public XlsxWriter(Stream output, string sheetName)
    {
        ArgumentNullException.ThrowIfNull(output);
        _zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        try
        {
            _sheetName = SanitizeSheetName(sheetName);
            WritePart("_rels/.rels", RootRelsXml);
            WritePart("xl/workbook.xml", WorkbookXml(_sheetName));
            WritePart("xl/_rels/workbook.xml.rels", WorkbookRelsXml);
            WritePart("xl/styles.xml", StylesXml);

            _sheetStream = _zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest).Open();
            _xml = XmlWriter.Create(_sheetStream, new XmlWriterSettings
            {
                Encoding = Utf8,
                NewLineHandling = NewLineHandling.Entitize, // keep \r and \r\n exactly
                CloseOutput = false,
            });
            _xml.WriteStartDocument(standalone: true);
            _xml.WriteStartElement("worksheet", MainNs);
        }
        catch
        {
            _zip.Dispose();
            throw;
        }
    }

    /// <summary>Writes the header as the first row, in bold, and freezes it. Must come before any other row.</summary>
    public void WriteHeader(IEnumerable<string> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_sheetDataOpen)
        {
            throw new InvalidOperationException("Dòng tiêu đề phải được ghi trước các dòng dữ liệu.");
        }

        _xml.WriteStartElement("sheetViews", MainNs);
        _xml.WriteStartElement("sheetView", MainNs);
        _xml.WriteAttributeString("tabSelected", "1");
        _xml.WriteAttributeString("workbookViewId", "0");
        _xml.WriteStartElement("pane", MainNs);
        _xml.WriteAttributeString("ySplit", "1");
        _xml.WriteAttributeString("topLeftCell", "A2");
        _xml.WriteAttributeString("activePane", "bottomLeft");
        _xml.WriteAttributeString("state", "frozen");
        _xml.WriteEndElement();
        _xml.WriteStartElement("selection", MainNs);
        _xml.WriteAttributeString("pane", "bottomLeft");
        _xml.WriteEndElement();
        _xml.WriteEndElement();
        _xml.WriteEndElement();

        OpenSheetData();
        WriteRowCore(headers, style: 1);
    }

    /// <summary>
    /// Writes a row. string → text (invalid XML characters removed, cut at Excel's 32,767 characters);
    /// integer types, decimal, double, float → number; bool → boolean; DateOnly → text "yyyy-MM-dd";
    /// DateTime → text "yyyy-MM-dd HH:mm:ss"; null → no cell; anything else → its invariant text.
    /// </summary>
    public void WriteRow(IEnumerable<object?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        ObjectDisposedException.ThrowIf(_disposed, this);
        OpenSheetData();
        WriteRowCore(values, style: 0);
    }

    /// <summary>Writes a row in bold (titles and column heads of report forms), without freezing it.</summary>
    public void WriteBoldRow(IEnumerable<object?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        ObjectDisposedException.ThrowIf(_disposed, this);
        OpenSheetData();
        WriteRowCore(values, style: 1);
    }

    /// <summary>
    /// Adds a line chart (one per sheet) of columns of rows already written or still to come:
    /// categories from <paramref name="categoryColumn"/>, one line per series column (0-based
    /// columns, 1-based rows), placed below row <paramref name="anchorRow"/>.
    /// </summary>
    public void AddLineChart(string title, int firstRow, int lastRow, int categoryColumn, IReadOnlyList<(int Column, string Name)> series, int anchorRow)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (firstRow < 1 || lastRow < firstRow || series.Count == 0)
        {
            throw new ArgumentException("Vùng dữ liệu của biểu đồ không hợp lệ.");
        }
        _chart = new LineChart(title, firstRow, lastRow, categoryColumn, series, anchorRow);
    }

    /// <summary>Finishes the sheet and the zip. The output stream is left open.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            OpenSheetData();
            _xml.WriteEndElement(); // sheetData
            if (_chart is not null)
            {
                _xml.WriteStartElement("drawing", MainNs);
                _xml.WriteAttributeString("r", "id", "http://schemas.openxmlformats.org/officeDocument/2006/relationships", "rId1");
                _xml.WriteEndElement();
            }
            _xml.WriteEndElement(); // worksheet
            _xml.WriteEndDocument();
            _xml.Flush();
            _xml.Dispose();
            _sheetStream.Dispose();
            WritePart("[Content_Types].xml", _chart is null ? ContentTypesXml : ContentTypesXml.Replace("</Types>", ChartContentTypes, StringComparison.Ordinal));
            if (_chart is not null)
            {
                WriteChartParts(_chart);
            }
        }
        finally
        {
            _zip.Dispose();
        }
    }

    private const string ChartContentTypes =
        "<Override PartName=\"/xl/drawings/drawing1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.drawing+xml\"/>" +
        "<Override PartName=\"/xl/charts/chart1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.drawingml.chart+xml\"/></Types>";

    private void WriteChartParts(LineChart c)
    {
        WritePart("xl/worksheets/_rels/sheet1.xml.rels", XmlDeclaration +
            "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
            "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing\" Target=\"../drawings/drawing1.xml\"/>" +
            "</Relationships>");
        var from = c.AnchorRow.ToString(CultureInfo.InvariantCulture);
        var to = (c.AnchorRow + 18).ToString(CultureInfo.InvariantCulture);
        WritePart("xl/drawings/drawing1.xml", XmlDeclaration +
            "<xdr:wsDr xmlns:xdr=\"http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing\" xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\">" +
            "<xdr:twoCellAnchor><xdr:from><xdr:col>0</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>" + from + "</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>" +
            "<xdr:to><xdr:col>8</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>" + to + "</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>" +
            "<xdr:graphicFrame macro=\"\"><xdr:nvGraphicFramePr><xdr:cNvPr id=\"2\" name=\"Chart 1\"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>" +
            "<xdr:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"0\" cy=\"0\"/></xdr:xfrm>" +
            "<a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/chart\">" +
            "<c:chart xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" r:id=\"rId1\"/>" +
            "</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>");
        WritePart("xl/drawings/_rels/drawing1.xml.rels", XmlDeclaration +
            "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
            "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart\" Target=\"../charts/chart1.xml\"/>" +
            "</Relationships>");
        var sheet = "'" + _sheetName.Replace("'", "''", StringComparison.Ordinal) + "'";
        string Range(int column) => SecurityElement.Escape($"{sheet}!${XlsxReader.ColumnName(column)}${c.FirstRow}:${XlsxReader.ColumnName(column)}${c.LastRow}");
        var chart = new StringBuilder(XmlDeclaration);
        chart.Append("<c:chartSpace xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\" xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\">");
        chart.Append("<c:chart><c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>").Append(SecurityElement.Escape(c.Title)).Append("</a:t></a:r></a:p></c:rich></c:tx><c:overlay val=\"0\"/></c:title>");
        chart.Append("<c:autoTitleDeleted val=\"0\"/><c:plotArea><c:layout/><c:lineChart><c:grouping val=\"standard\"/><c:varyColors val=\"0\"/>");
        for (var i = 0; i < c.Series.Count; i++)
        {
            var (column, name) = c.Series[i];
            chart.Append("<c:ser><c:idx val=\"").Append(i).Append("\"/><c:order val=\"").Append(i).Append("\"/>");
            chart.Append("<c:tx><c:v>").Append(SecurityElement.Escape(name)).Append("</c:v></c:tx><c:marker><c:symbol val=\"circle\"/></c:marker>");
            chart.Append("<c:cat><c:numRef><c:f>").Append(Range(c.CategoryColumn)).Append("</c:f></c:numRef></c:cat>");
            chart.Append("<c:val><c:numRef><c:f>").Append(Range(column)).Append("</c:f></c:numRef></c:val><c:smooth val=\"0\"/></c:ser>");
        }
        chart.Append("<c:marker val=\"1\"/><c:axId val=\"1\"/><c:axId val=\"2\"/></c:lineChart>");
        chart.Append("<c:catAx><c:axId val=\"1\"/><c:scaling><c:orientation val=\"minMax\"/></c:scaling><c:delete val=\"0\"/><c:axPos val=\"b\"/><c:crossAx val=\"2\"/></c:catAx>");
        chart.Append("<c:valAx><c:axId val=\"2\"/><c:scaling><c:orientation val=\"minMax\"/></c:scaling><c:delete val=\"0\"/><c:axPos val=\"l\"/><c:majorGridlines/><c:numFmt formatCode=\"0.00\" sourceLinked=\"0\"/><c:crossAx val=\"1\"/></c:valAx>");
        chart.Append("</c:plotArea><c:legend><c:legendPos val=\"b\"/><c:overlay val=\"0\"/></c:legend><c:plotVisOnly val=\"1\"/></c:chart></c:chartSpace>");
        WritePart("xl/charts/chart1.xml", chart.ToString());
    }

    private void OpenSheetData()
    {
        if (!_sheetDataOpen)
        {
            _xml.WriteStartElement("sheetData", MainNs);
            _sheetDataOpen = true;
        }
    }

    private void WriteRowCore(IEnumerable<object?> values, int style)
    {
        if (_rowNumber >= MaxRows)
        {
            throw new InvalidOperationException("Vượt quá số dòng tối đa của một trang tính Excel (1.048.576 dòng).");
        }

        _rowNumber++;
        var row = _rowNumber.ToString(CultureInfo.InvariantCulture);
        _xml.WriteStartElement("row", MainNs);
        _xml.WriteAttributeString("r", row);
        var column = 0;
        foreach (var value in values)
        {
            if (column >= XlsxReader.MaxColumns)
            {
                throw new InvalidOperationException("Vượt quá số cột tối đa của Excel (16.384 cột).");
            }

            if (value is not null)
            {
                WriteCell(column, row, value, style);
            }

            column++;
        }

        _xml.WriteEndElement();
    }

    private void WriteCell(int column, string row, object value, int style)
    {
        var inv = CultureInfo.InvariantCulture;
        switch (value)
        {
            case string s: WriteStringCell(column, row, s, style); break;
            case int v: WriteValueCell(column, row, v.ToString(inv), null, style); break;
            case long v: WriteValueCell(column, row, v.ToString(inv), null, style); break;
            case short v: WriteValueCell(column, row, v.ToString(inv), null, style); break;
            case byte v: WriteValueCell(column, row, v.ToString(inv), null, style); break;
            case sbyte v: WriteValueCell(column, row, v.ToString(inv), null, style); break;
            case ushort v: WriteValueCell(column, row, v.ToString(inv), null, style); break;
            case uint v: WriteValueCell(column, row, v.ToString(inv), null, style); break;
            case ulong v: WriteValueCell(column, row, v.ToString(inv), null, style); break;
            case decimal v: WriteValueCell(column, row, v.ToString(inv), null, style); break;
            case double v when double.IsFinite(v): WriteValueCell(column, row, v.ToString("R", inv), null, style); break;
            case float v when float.IsFinite(v): WriteValueCell(column, row, v.ToString("R", inv), null, style); break;
            case bool v: WriteValueCell(column, row, v ? "1" : "0", "b", style); break;
            case DateOnly v: WriteStringCell(column, row, v.ToString("yyyy-MM-dd", inv), style); break;
            case DateTime v: WriteStringCell(column, row, v.ToString("yyyy-MM-dd HH:mm:ss", inv), style); break;
            case IFormattable v: WriteStringCell(column, row, v.ToString(null, inv), style); break;
            default: WriteStringCell(column, row, value.ToString() ?? "", style); break;
        }
    }

    private void StartCell(int column, string row, string? type, int style)
    {
        while (_columnNames.Count <= column)
        {
            _columnNames.Add(XlsxReader.ColumnName(_columnNames.Count));
        }

        _xml.WriteStartElement("c", MainNs);
        _xml.WriteStartAttribute("r");
        _xml.WriteString(_columnNames[column]);
        _xml.WriteString(row);
        _xml.WriteEndAttribute();
        if (style != 0)
        {
            _xml.WriteAttributeString("s", style.ToString(CultureInfo.InvariantCulture));
        }

        if (type is not null)
        {
            _xml.WriteAttributeString("t", type);
        }
    }

    private void WriteValueCell(int column, string row, string value, string? type, int style)
    {
        StartCell(column, row, type, style);
        _xml.WriteElementString("v", MainNs, value);
        _xml.WriteEndElement();
    }

    private void WriteStringCell(int column, string row, string text, int style)
    {
        text = CleanText(text);
        StartCell(column, row, "inlineStr", style);
        _xml.WriteStartElement("is", MainNs);
        _xml.WriteStartElement("t", MainNs);
        if (text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])))
        {
            _xml.WriteAttributeString("xml", "space", null, "preserve");
        }

        _xml.WriteString(text);
        _xml.WriteEndElement();
        _xml.WriteEndElement();
        _xml.WriteEndElement();
    }

    // Removes characters XML 1.0 cannot carry (control characters, lone surrogates, U+FFFE/U+FFFF) and cuts at Excel's cell limit.
    private static string CleanText(string s)
    {
        var clean = true;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
            }
            else if (!IsXmlChar(c))
            {
                clean = false;
                break;
            }
        }

        if (!clean)
        {
            var sb = new StringBuilder(s.Length);
            for (var i = 0; i < s.Length; i++)
            {
                var c = s[i];
                if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                {
                    sb.Append(c).Append(s[++i]);
                }
                else if (IsXmlChar(c))
                {
                    sb.Append(c);
                }
            }

            s = sb.ToString();
        }

        if (s.Length > MaxCellText)
        {
            var cut = char.IsHighSurrogate(s[MaxCellText - 1]) ? MaxCellText - 1 : MaxCellText;
            s = s[..cut];
        }

        return s;
    }

    private static bool IsXmlChar(char c) =>
        c is '\t' or '\n' or '\r' or (>= '\u0020' and <= '\uD7FF') or (>= '\uE000' and <= '\uFFFD');

    private static string SanitizeSheetName(string? name)
    {
        var sb = new StringBuilder();
        foreach (var c in CleanText(name ?? "").Trim())
        {
            sb.Append(c is '[' or ']' or ':' or '*' or '?' or '/' or '\\' ? '_' : c);
        }

        var s = sb.ToString().Trim('\'');
        if (s.Length > 31)
        {
            s = s[..(char.IsHighSurrogate(s[30]) ? 30 : 31)];
        }

        return s.Length == 0 || s.Equals("History", StringComparison.OrdinalIgnoreCase) ? "Sheet1" : s;
    }

    private void WritePart(string path, string content)
    {
        using var stream = _zip.CreateEntry(path, CompressionLevel.Fastest).Open();
        var bytes = Utf8.GetBytes(content);
        stream.Write(bytes, 0, bytes.Length);
    }

    private const string XmlDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

    private const string ContentTypesXml = XmlDeclaration +
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
        "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>" +
        "<Default Extension=\"xml\" ContentType=\"application/xml\"/>" +
        "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>" +
        "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>" +
        "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>" +
        "</Types>";

    private const string RootRelsXml = XmlDeclaration +
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
        "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>" +
        "</Relationships>";

    private const string WorkbookRelsXml = XmlDeclaration +
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
        "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>" +
        "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>" +
        "</Relationships>";

    private const string StylesXml = XmlDeclaration +
        "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">" +
        "<fonts count=\"2\">" +
        "<font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>" +
        "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>" +
        "</fonts>" +
        "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>" +
        "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>" +
        "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>" +
        "<cellXfs count=\"2\">" +
        "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>" +
        "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>" +
        "</cellXfs>" +
        "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>" +
        "</styleSheet>";

    private static string WorkbookXml(string sheetName) => XmlDeclaration +
        "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " +
        "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">" +
        "<sheets><sheet name=\"" + SecurityElement.Escape(sheetName) + "\" sheetId=\"1\" r:id=\"rId1\"/></sheets>" +
        "</workbook>";
}
