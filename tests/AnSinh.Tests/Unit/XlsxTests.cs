using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using AnSinh.Platform.Excel;
using Xunit;

namespace AnSinh.Tests.Unit;

public class XlsxTests
{
    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    [Theory]
    [InlineData(0, "A")]
    [InlineData(25, "Z")]
    [InlineData(26, "AA")]
    [InlineData(27, "AB")]
    [InlineData(701, "ZZ")]
    [InlineData(702, "AAA")]
    [InlineData(16383, "XFD")]
    public void ColumnNameConvertsIndexToLetters(int column, string expected)
    {
        Assert.Equal(expected, XlsxReader.ColumnName(column));
    }

    [Fact]
    public void RoundTripReadsBackExactlyWhatWasWritten()
    {
        var header = new[] { "Mã hộ", "Họ và tên", "Ngày sinh", "Số tiền", "Ghi chú" };
        var rows = new List<object?[]>
        {
            new object?[] { 1, "Nguyễn Văn Á", new DateOnly(1950, 1, 31), 1_500_000m, "Hộ nghèo" },
            new object?[] { 2L, "Trần Thị Ánh Hồng", null, 12.5m, null },                       // empty cells in the middle and at the end
            new object?[] { 3, "  khoảng trắng đầu/cuối  ", new DateOnly(2024, 12, 1), 0.1, "a < b & c > \"d\" 'e'" },
            new object?[] { 4, "Dòng 1\nDòng 2\r\nDòng 3\tTab", null, -3.25e-7, "" },
            new object?[] { 5, "Emoji 😀 và ký tự điều khiển\u0001\u000B bị bỏ", null, long.MaxValue, "Đỗ Đức Độ" },
            new object?[] { null, null, null, null, "Chỉ cột E" },
        };

        using var ms = new MemoryStream();
        using (var writer = new XlsxWriter(ms, "Danh sách hộ"))
        {
            writer.WriteHeader(header);
            foreach (var row in rows)
            {
                writer.WriteRow(row);
            }
        }

        Assert.True(ms.CanWrite, "the output stream must be left open");
        ms.Position = 0;
        using var reader = XlsxReader.Open(ms);
        var read = reader.ReadRows().ToList();

        Assert.Equal(rows.Count + 1, read.Count);
        Assert.Equal(Enumerable.Range(1, rows.Count + 1), read.Select(r => r.Number));
        Assert.Equal(header, read[0].Values);

        AssertValues(read[1], "1", "Nguyễn Văn Á", "1950-01-31", "1500000", "Hộ nghèo");
        AssertValues(read[2], "2", "Trần Thị Ánh Hồng", null, "12.5");
        Assert.Null(read[2][4]);
        AssertValues(read[3], "3", "  khoảng trắng đầu/cuối  ", "2024-12-01", "0.1", "a < b & c > \"d\" 'e'");
        AssertValues(read[4], "4", "Dòng 1\nDòng 2\r\nDòng 3\tTab", null, "-3.25E-07", "");
        AssertValues(read[5], "5", "Emoji 😀 và ký tự điều khiển bị bỏ", null, "9223372036854775807", "Đỗ Đức Độ");
        AssertValues(read[6], null, null, null, null, "Chỉ cột E");
        Assert.All(read, r => Assert.False(r.HasFormula(0)));
        Assert.Equal(-3.25e-7, double.Parse(read[4][3]!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void WriterProducesAValidPackageWithBoldFrozenHeader()
    {
        using var ms = new MemoryStream();
        using (var writer = new XlsxWriter(ms, "Hộ nghèo & cận nghèo [2024]: quý 1/2"))
        {
            writer.WriteHeader(["STT", "Tên"]);
            writer.WriteRow([1, "A"]);
            Assert.Throws<InvalidOperationException>(() => writer.WriteHeader(["muộn"]));
        }

        ms.Position = 0;
        using var zip = new ZipArchive(ms, ZipArchiveMode.Read);
        var names = zip.Entries.Select(e => e.FullName).ToHashSet();
        Assert.Superset(
            new HashSet<string> { "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/worksheets/sheet1.xml" },
            names);

        XDocument Load(string name)
        {
            using var s = zip.GetEntry(name)!.Open();
            return XDocument.Load(s);
        }

        var sheetName = Load("xl/workbook.xml").Descendants(Main + "sheet").Single().Attribute("name")!.Value;
        Assert.Equal("Hộ nghèo & cận nghèo _2024__ qu", sheetName); // []:/ replaced, cut at Excel's 31 characters

        var styles = Load("xl/styles.xml");
        var boldFontId = styles.Descendants(Main + "font").ToList().FindIndex(f => f.Element(Main + "b") is not null);
        var xfs = styles.Descendants(Main + "cellXfs").Single().Elements(Main + "xf").ToList();
        Assert.Equal(boldFontId.ToString(System.Globalization.CultureInfo.InvariantCulture), xfs[1].Attribute("fontId")!.Value);

        var sheet = Load("xl/worksheets/sheet1.xml");
        Assert.Equal("frozen", sheet.Descendants(Main + "pane").Single().Attribute("state")!.Value);
        var headerCells = sheet.Descendants(Main + "row").First().Elements(Main + "c").ToList();
        Assert.Equal(2, headerCells.Count);
        Assert.All(headerCells, c => Assert.Equal("1", c.Attribute("s")!.Value));
        var dataCells = sheet.Descendants(Main + "row").Skip(1).Single().Elements(Main + "c").ToList();
        Assert.All(dataCells, c => Assert.Null(c.Attribute("s")));
        Assert.Equal("A2", dataCells[0].Attribute("r")!.Value);
    }

    [Fact]
    public void WriterWithNoRowsGivesAnEmptyReadableSheet()
    {
        using var ms = new MemoryStream();
        new XlsxWriter(ms, "Trống").Dispose();

        ms.Position = 0;
        using var reader = XlsxReader.Open(ms);
        Assert.Empty(reader.ReadRows());
    }

    [Fact]
    public void RoundTrip100kRowsThroughNonSeekableStreams()
    {
        const int count = 100_000;
        using var ms = new MemoryStream();
        using (var writer = new XlsxWriter(new ForwardOnlyStream(ms), "Dữ liệu"))
        {
            writer.WriteHeader(["STT", "Họ tên", "Số CCCD", "Trợ cấp"]);
            for (var i = 1; i <= count; i++)
            {
                writer.WriteRow([i, $"Nguyễn Thị Hồng {i}", $"0012{i:D8}", i % 7 == 0 ? null : i * 1.5m]);
            }
        }

        ms.Position = 0;
        using var reader = XlsxReader.Open(new ForwardOnlyStream(ms));
        var n = 0;
        foreach (var row in reader.ReadRows().Skip(1))
        {
            n++;
            Assert.Equal(n + 1, row.Number);
            if (n % 9_973 == 0 || n == count)
            {
                Assert.Equal(n.ToString(System.Globalization.CultureInfo.InvariantCulture), row[0]);
                Assert.Equal($"Nguyễn Thị Hồng {n}", row[1]);
                Assert.Equal($"0012{n:D8}", row[2]);
                Assert.Equal(n % 7 == 0 ? null : (n * 1.5m).ToString(System.Globalization.CultureInfo.InvariantCulture), row[3]);
            }
        }

        Assert.Equal(count, n);
    }

    [Fact]
    public void ReaderHandlesSharedStringsRichTextFormulasAndWorkbookOrder()
    {
        const string workbook = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
              <sheets>
                <sheet name="Biểu đồ" sheetId="3" r:id="rId3"/>
                <sheet name="Dữ liệu" sheetId="2" r:id="rId5"/>
                <sheet name="Khác" sheetId="1" r:id="rId4"/>
              </sheets>
            </workbook>
            """;
        const string rels = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
              <Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
              <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet" Target="chartsheets/sheet1.xml"/>
              <Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/>
              <Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
            </Relationships>
            """;
        const string sharedStrings = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4">
              <si><t>Họ và tên</t></si>
              <si><r><rPr><b/></rPr><t>Nguyễn </t></r><r><t xml:space="preserve">Văn </t></r><r><rPr><i/></rPr><t>Á</t></r></si>
              <si><t xml:space="preserve">  có khoảng trắng </t><rPh sb="0" eb="1"><t>PHIÊN ÂM</t></rPh></si>
              <si><t/></si>
            </sst>
            """;
        const string sheet2 = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
              <dimension ref="A1:AB12"/>
              <sheetData>
                <row r="1" spans="1:3"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>Số tiền</t></is></c><c r="C1" t="s" s="2"><v>3</v></c></row>
                <row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2"><v>1500000.5</v></c><c r="C2" t="b"><v>1</v></c></row>
                <row r="3"/>
                <row r="4"><c r="A4" s="3"/><c r="B4" s="3"/></row>
                <row r="5"><c r="A5" t="s"><v>2</v></c><c r="C5"><f>B2*2</f><v>3000001</v></c><c r="D5" t="str"><f>A2&amp;"!"</f><v>Nguyễn Văn Á!</v></c><c r="E5" t="b"><v>0</v></c></row>
                <row r="12"><c r="AB12" t="inlineStr"><is><r><t>rich </t></r><r><t>inline</t></r></is></c><c r="AC12" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>
              </sheetData>
              <mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>
            </worksheet>
            """;
        const string sheet1 = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>SAI TRANG</t></is></c></row></sheetData></worksheet>
            """;

        using var file = BuildZip(new Dictionary<string, string>
        {
            ["[Content_Types].xml"] = "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>",
            ["xl/workbook.xml"] = workbook,
            ["xl/_rels/workbook.xml.rels"] = rels,
            ["xl/sharedStrings.xml"] = sharedStrings,
            ["xl/worksheets/sheet1.xml"] = sheet1,
            ["xl/worksheets/sheet2.xml"] = sheet2,
        });

        using var reader = XlsxReader.Open(file);
        var rows = reader.ReadRows().ToList();

        int[] expectedNumbers = [1, 2, 5, 12];
        Assert.Equal(expectedNumbers, rows.Select(r => r.Number));
        AssertValues(rows[0], "Họ và tên", "Số tiền", "");
        AssertValues(rows[1], "Nguyễn Văn Á", "1500000.5", "TRUE");

        var r5 = rows[2];
        AssertValues(r5, "  có khoảng trắng ", null, "3000001", "Nguyễn Văn Á!", "FALSE");
        Assert.False(r5.HasFormula(0));
        Assert.True(r5.HasFormula(2));
        Assert.True(r5.HasFormula(3));
        Assert.False(r5.HasFormula(4));

        var r12 = rows[3];
        Assert.Equal(29, r12.Values.Length);
        Assert.Equal("rich inline", r12[27]);
        Assert.Equal("#DIV/0!", r12[28]);
        Assert.True(r12.HasFormula(28));
        Assert.Null(r12[0]);
        Assert.Null(r12[100]);
        Assert.Null(r12[-1]);
    }

    [Fact]
    public void ReaderRandomBytesIsNotAnXlsx()
    {
        var bytes = new byte[4096];
        new Random(42).NextBytes(bytes);

        var ex = Assert.Throws<XlsxFormatException>(() => XlsxReader.Open(new MemoryStream(bytes)));
        Assert.StartsWith("Tệp không phải là tệp Excel .xlsx", ex.Message, StringComparison.Ordinal);

        var empty = Assert.Throws<XlsxFormatException>(() => XlsxReader.Open(new MemoryStream()));
        Assert.StartsWith("Tệp không phải là tệp Excel .xlsx", empty.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReaderEmptyZipIsCorrupted()
    {
        using var file = BuildZip(new Dictionary<string, string>());

        var ex = Assert.Throws<XlsxFormatException>(() => XlsxReader.Open(file));
        Assert.StartsWith("Tệp Excel bị hỏng", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReaderBrokenSheetXmlFailsWhileStreamingWithCorruptedMessage()
    {
        using var file = BuildZip(new Dictionary<string, string>
        {
            ["xl/workbook.xml"] = "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"A\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
            ["xl/_rels/workbook.xml.rels"] = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>",
            ["xl/worksheets/sheet1.xml"] = "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row><row r=\"2\"><c r=\"A2\"><v>2</v></row>",
        });

        using var reader = XlsxReader.Open(file);
        using var rows = reader.ReadRows().GetEnumerator();
        Assert.True(rows.MoveNext());
        Assert.Equal("1", rows.Current[0]);

        var ex = Assert.Throws<XlsxFormatException>(() => rows.MoveNext());
        Assert.StartsWith("Tệp Excel bị hỏng", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReaderZipWithoutWorkbookIsCorrupted()
    {
        using var file = BuildZip(new Dictionary<string, string> { ["word/document.xml"] = "<document/>" });

        var ex = Assert.Throws<XlsxFormatException>(() => XlsxReader.Open(file));
        Assert.StartsWith("Tệp Excel bị hỏng", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A 50-million-character cell compresses to a few tens of kilobytes: the reader refuses it at
    /// Excel's 32,767 characters while streaming, without ever building it (the server once took
    /// 3.77 GB for one such cell of 400 MB).
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ReaderRefusesAHugeCellWhileStreamingWithBoundedMemory(bool shared)
    {
        using var file = HugeCellWorkbook(50_000_000, shared);
        Assert.True(file.Length < 1_000_000, $"the test file is {file.Length:N0} bytes");
        var before = GC.GetAllocatedBytesForCurrentThread();
        var ex = Assert.Throws<XlsxFormatException>(() =>
        {
            using var reader = XlsxReader.Open(file);
            _ = reader.ReadRows().ToList();
        });
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains("32.767 ký tự", ex.Message, StringComparison.Ordinal);
        Assert.Contains(shared ? "Chuỗi văn bản dùng chung số 2" : "Ô B1", ex.Message, StringComparison.Ordinal);
        Assert.True(allocated < 20_000_000, $"reading allocated {allocated:N0} bytes");
    }

    [Fact]
    public void ReaderTakesACellOfExactlyTheLimitAndRefusesTheSharedStringsTableBeyondItsLimits()
    {
        using (var file = HugeCellWorkbook(XlsxLimits.ExcelMaxCellText, shared: true))
        using (var reader = XlsxReader.Open(file))
        {
            Assert.Equal(XlsxLimits.ExcelMaxCellText, reader.ReadRows().Single()[1]!.Length);
        }

        using (var file = HugeCellWorkbook(XlsxLimits.ExcelMaxCellText, shared: false))
        using (var reader = XlsxReader.Open(file))
        {
            Assert.Equal(XlsxLimits.ExcelMaxCellText, reader.ReadRows().Single()[1]!.Length);
        }

        using (var file = HugeCellWorkbook(100, shared: true))
        {
            Assert.Contains("chuỗi văn bản dùng chung", Assert.Throws<XlsxFormatException>(() => XlsxReader.Open(file, new XlsxLimits(MaxSharedStrings: 1))).Message, StringComparison.Ordinal);
            file.Position = 0;
            Assert.Contains("cộng lại", Assert.Throws<XlsxFormatException>(() => XlsxReader.Open(file, new XlsxLimits(MaxSharedStringChars: 50))).Message, StringComparison.Ordinal);
        }
    }

    /// <summary>A workbook whose cell B1 holds <paramref name="length"/> times "a", as a shared string (the second) or inline, written straight into the zip.</summary>
    internal static MemoryStream HugeCellWorkbook(int length, bool shared)
    {
        const string workbook = """<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>""";
        const string rels = """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>""";
        const string Fill = "{fill}";
        var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Part(string name, params string[] pieces)
            {
                using var s = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Optimal).Open(), new UTF8Encoding(false));
                foreach (var piece in pieces)
                {
                    if (piece == Fill)
                    {
                        var block = new string('a', 64 * 1024);
                        for (var left = length; left > 0; left -= block.Length)
                        {
                            s.Write(block.AsSpan(0, Math.Min(left, block.Length)));
                        }
                    }
                    else
                    {
                        s.Write(piece);
                    }
                }
            }

            Part("[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>""");
            Part("xl/workbook.xml", workbook);
            Part("xl/_rels/workbook.xml.rels", rels);
            Part("xl/sharedStrings.xml", """<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Họ và tên</t></si>""",
                shared ? "<si><t>" : "", shared ? Fill : "", shared ? "</t></si>" : "", "</sst>");
            Part("xl/worksheets/sheet1.xml", """<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c>""",
                shared ? """<c r="B1" t="s"><v>1</v></c>""" : """<c r="B1" t="inlineStr"><is><t>""", shared ? "" : Fill, shared ? "" : "</t></is></c>", "</row></sheetData></worksheet>");
        }

        ms.Position = 0;
        return ms;
    }

    private static void AssertValues(XlsxRow row, params string?[] expected) => Assert.Equal(expected, row.Values);

    private static MemoryStream BuildZip(Dictionary<string, string> parts)
    {
        var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in parts)
            {
                using var s = zip.CreateEntry(name).Open();
                var bytes = new UTF8Encoding(false).GetBytes(content);
                s.Write(bytes, 0, bytes.Length);
            }
        }

        ms.Position = 0;
        return ms;
    }

    // Stream wrapper that can only be read or written forward, like a network or HTTP request stream.
    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => inner.CanRead;
        public override bool CanSeek => false;
        public override bool CanWrite => inner.CanWrite;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
