using System.Globalization;
using System.IO.Compression;
using System.Reflection;
using System.Text;

namespace AnSinh.Platform.Pdf;

/// <summary>
/// The TrueType data a PDF needs: glyph ids from the Unicode cmap (format 4), advance widths,
/// metrics. Read once from the DejaVu Sans faces embedded in this assembly (licence in Pdf/Fonts).
/// </summary>
internal sealed class TrueTypeFont
{
    private static readonly Lazy<TrueTypeFont> RegularFace = new(() => Load("DejaVuSans"));
    private static readonly Lazy<TrueTypeFont> BoldFace = new(() => Load("DejaVuSans-Bold"));

    private readonly Dictionary<int, ushort> _glyphs = [];
    private readonly ushort[] _advances;

    public static TrueTypeFont Regular => RegularFace.Value;
    public static TrueTypeFont Bold => BoldFace.Value;

    public string Name { get; }
    public byte[] Data { get; }
    public int UnitsPerEm { get; }
    public short Ascent { get; }
    public short Descent { get; }
    public short[] BBox { get; }

    private TrueTypeFont(string name, byte[] data)
    {
        Name = name;
        Data = data;
        var tables = new Dictionary<string, int>(StringComparer.Ordinal);
        int numTables = U16(4);
        for (var i = 0; i < numTables; i++)
        {
            var rec = 12 + 16 * i;
            tables[Encoding.ASCII.GetString(data, rec, 4)] = (int)U32(rec + 8);
        }
        var head = tables["head"];
        UnitsPerEm = U16(head + 18);
        BBox = [S16(head + 36), S16(head + 38), S16(head + 40), S16(head + 42)];
        var hhea = tables["hhea"];
        Ascent = S16(hhea + 4);
        Descent = S16(hhea + 6);
        int metrics = U16(hhea + 34);
        int numGlyphs = U16(tables["maxp"] + 4);
        var hmtx = tables["hmtx"];
        _advances = new ushort[numGlyphs];
        for (var g = 0; g < numGlyphs; g++)
        {
            _advances[g] = U16(hmtx + 4 * Math.Min(g, metrics - 1));
        }
        ReadCmap(tables["cmap"]);
    }

    private static TrueTypeFont Load(string face)
    {
        using var s = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Fonts.{face}.ttf")
            ?? throw new InvalidOperationException($"Font {face} is not embedded.");
        using var ms = new MemoryStream();
        s.CopyTo(ms);
        return new TrueTypeFont(face, ms.ToArray());
    }

    public ushort Glyph(int codePoint) => _glyphs.TryGetValue(codePoint, out var g) ? g : (ushort)0;

    public int Advance(ushort glyph) => glyph < _advances.Length ? _advances[glyph] : 0;

    public double Width(string text, double size)
    {
        double units = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            units += Advance(Glyph(rune.Value));
        }
        return units * size / UnitsPerEm;
    }

    private void ReadCmap(int cmap)
    {
        int count = U16(cmap + 2);
        var sub = -1;
        for (var i = 0; i < count; i++)
        {
            var rec = cmap + 4 + 8 * i;
            int platform = U16(rec), encoding = U16(rec + 2);
            if ((platform == 3 && encoding == 1) || (platform == 0 && sub < 0))
            {
                var offset = cmap + (int)U32(rec + 4);
                if (U16(offset) == 4)
                {
                    sub = offset;
                }
            }
        }
        if (sub < 0)
        {
            throw new InvalidOperationException("The font has no Unicode BMP cmap (format 4).");
        }
        var segments = U16(sub + 6) / 2;
        var ends = sub + 14;
        var starts = ends + 2 * segments + 2;
        var deltas = starts + 2 * segments;
        var rangeOffsets = deltas + 2 * segments;
        for (var s = 0; s < segments; s++)
        {
            int end = U16(ends + 2 * s), start = U16(starts + 2 * s), delta = U16(deltas + 2 * s), rangeOffset = U16(rangeOffsets + 2 * s);
            for (var c = start; c <= end && c != 0xFFFF; c++)
            {
                int g;
                if (rangeOffset == 0)
                {
                    g = (c + delta) & 0xFFFF;
                }
                else
                {
                    g = U16(rangeOffsets + 2 * s + rangeOffset + 2 * (c - start));
                    if (g != 0)
                    {
                        g = (g + delta) & 0xFFFF;
                    }
                }
                if (g != 0)
                {
                    _glyphs[c] = (ushort)g;
                }
            }
        }
    }

    private ushort U16(int at) => (ushort)((Data[at] << 8) | Data[at + 1]);

    private short S16(int at) => (short)U16(at);

    private uint U32(int at) => (uint)((Data[at] << 24) | (Data[at + 1] << 16) | (Data[at + 2] << 8) | Data[at + 3]);
}

/// <summary>
/// A small PDF writer of our own (ADR 0007): A4 pages of titles, wrapped paragraphs and ruled
/// tables in DejaVu Sans, embedded as a CID TrueType font (Identity-H) with a ToUnicode map so
/// that Vietnamese text can be copied and searched. No third-party library, no system font.
/// </summary>
public sealed class PdfDocumentWriter : IDisposable
{
    private const double PageWidth = 595.28;
    private const double PageHeight = 841.89;
    private const double Margin = 50;
    private readonly string _title;
    private readonly List<StringBuilder> _pages = [];
    private readonly Dictionary<TrueTypeFont, SortedSet<ushort>> _used = new() { [TrueTypeFont.Regular] = [], [TrueTypeFont.Bold] = [] };
    private StringBuilder _page = null!;
    private double _y;

    public PdfDocumentWriter(string title)
    {
        _title = title;
        NewPage();
    }

    private static double Width => PageWidth - 2 * Margin;

    public void NewPage()
    {
        _page = new StringBuilder();
        _pages.Add(_page);
        _y = Margin;
    }

    public void Centered(string text, double size = 12, bool bold = false)
    {
        var font = bold ? TrueTypeFont.Bold : TrueTypeFont.Regular;
        foreach (var line in Wrap(Nfc(text), font, size, Width))
        {
            Ensure(size * 1.6);
            Text(font, size, Margin + (Width - font.Width(line, size)) / 2, _y + size, line);
            _y += size * 1.6;
        }
    }

    public void Paragraph(string text, double size = 11, bool bold = false)
    {
        var font = bold ? TrueTypeFont.Bold : TrueTypeFont.Regular;
        foreach (var line in Wrap(Nfc(text), font, size, Width))
        {
            Ensure(size * 1.5);
            Text(font, size, Margin, _y + size, line);
            _y += size * 1.5;
        }
    }

    public void Space(double points) => _y += points;

    /// <summary>A table with relative column widths; long cells wrap; the header repeats on each page.</summary>
    public void Table(IReadOnlyList<string> headers, IReadOnlyList<double> widths, IEnumerable<IReadOnlyList<string>> rows, double size = 9)
    {
        var total = widths.Sum();
        var cols = widths.Select(w => w / total * Width).ToArray();
        void Row(IReadOnlyList<string> cells, TrueTypeFont font, bool header)
        {
            var wrapped = cells.Select((c, i) => Wrap(Nfc(c), font, size, cols[i] - 4)).ToList();
            var height = wrapped.Max(w => Math.Max(1, w.Count)) * size * 1.35 + 4;
            if (_y + height > PageHeight - Margin)
            {
                NewPage();
                if (!header)
                {
                    Row(headers, TrueTypeFont.Bold, header: true);
                }
            }
            var x = Margin;
            for (var i = 0; i < cells.Count; i++)
            {
                _page.Append(CultureInfo.InvariantCulture, $"0.5 w {x:0.##} {PageHeight - _y - height:0.##} {cols[i]:0.##} {height:0.##} re S\n");
                var ly = _y + 2 + size;
                foreach (var line in wrapped[i])
                {
                    Text(font, size, x + 2, ly, line);
                    ly += size * 1.35;
                }
                x += cols[i];
            }
            _y += height;
        }
        Row(headers, TrueTypeFont.Bold, header: true);
        foreach (var r in rows)
        {
            Row(r, TrueTypeFont.Regular, header: false);
        }
    }

    private static readonly (double R, double G, double B)[] Palette = [(0.75, 0.22, 0.17), (0.16, 0.50, 0.73), (0.20, 0.60, 0.30), (0.85, 0.55, 0.10)];

    /// <summary>
    /// A grouped bar chart drawn with filled rectangles: a group per label, a bar per series, each
    /// bar labelled with its value; a dashed line at <paramref name="reference"/> when given (100 %
    /// of plan). Negative values are drawn as zero-height bars with their label.
    /// </summary>
    public void BarChart(string title, IReadOnlyList<string> labels, IReadOnlyList<(string Name, IReadOnlyList<double> Values)> series,
        Func<double, string> format, double? reference = null, double height = 140)
    {
        if (labels.Count == 0 || series.Count == 0)
        {
            return;
        }
        Ensure(height + 60);
        Paragraph(title, 10, bold: true);
        var top = _y + 10;
        var left = Margin + 4;
        var width = Width - 8;
        var max = Math.Max(series.SelectMany(x => x.Values).DefaultIfEmpty(0).Max(), reference ?? 0);
        if (max <= 0)
        {
            max = 1;
        }
        var baseline = PageHeight - top - height;
        var group = width / labels.Count;
        var bar = group * 0.8 / series.Count;
        _page.Append(CultureInfo.InvariantCulture, $"0 0 0 RG 0.6 w {left:0.##} {baseline:0.##} m {left + width:0.##} {baseline:0.##} l S\n");
        for (var g = 0; g < labels.Count; g++)
        {
            for (var k = 0; k < series.Count; k++)
            {
                var v = g < series[k].Values.Count ? series[k].Values[g] : 0;
                var h = Math.Max(0, v) / max * height;
                var (r, gr, b) = Palette[k % Palette.Length];
                var x = left + g * group + group * 0.1 + k * bar;
                _page.Append(CultureInfo.InvariantCulture, $"{r:0.##} {gr:0.##} {b:0.##} rg {x:0.##} {baseline:0.##} {bar * 0.9:0.##} {h:0.##} re f\n");
                _page.Append("0 0 0 rg\n");
                Text(TrueTypeFont.Regular, 6, x, top + height - h - 2, Nfc(format(v)));
            }
            var label = Nfc(labels[g]);
            while (label.Length > 3 && TrueTypeFont.Regular.Width(label, 7) > group - 2)
            {
                label = label[..^2] + "…";
            }
            Text(TrueTypeFont.Regular, 7, left + g * group + 1, top + height + 9, label);
        }
        if (reference is { } line)
        {
            var y = baseline + line / max * height;
            _page.Append(CultureInfo.InvariantCulture, $"[3 2] 0 d 0.5 w {left:0.##} {y:0.##} m {left + width:0.##} {y:0.##} l S [] 0 d\n");
        }
        var lx = left;
        for (var k = 0; k < series.Count; k++)
        {
            var (r, gr, b) = Palette[k % Palette.Length];
            _page.Append(CultureInfo.InvariantCulture, $"{r:0.##} {gr:0.##} {b:0.##} rg {lx:0.##} {PageHeight - top - height - 22:0.##} 8 8 re f 0 0 0 rg\n");
            var name = Nfc(series[k].Name);
            Text(TrueTypeFont.Regular, 8, lx + 11, top + height + 21, name);
            lx += 20 + TrueTypeFont.Regular.Width(name, 8);
        }
        _y = top + height + 30;
    }

    public byte[] ToBytes()
    {
        var objects = new List<byte[]>();
        int Reserve()
        {
            objects.Add([]);
            return objects.Count;
        }
        void Set(int id, string body) => objects[id - 1] = Encoding.ASCII.GetBytes(body);
        void SetStream(int id, string dict, byte[] data)
        {
            var head = Encoding.ASCII.GetBytes($"<< {dict} /Length {data.Length} >>\nstream\n");
            var tail = Encoding.ASCII.GetBytes("\nendstream");
            objects[id - 1] = [.. head, .. data, .. tail];
        }

        var catalog = Reserve();
        var pagesId = Reserve();
        var info = Reserve();
        var fontIds = new Dictionary<TrueTypeFont, int>();
        foreach (var (font, used) in _used)
        {
            var type0 = Reserve();
            var cid = Reserve();
            var descriptor = Reserve();
            var file = Reserve();
            var toUnicode = Reserve();
            fontIds[font] = type0;
            var scale = 1000.0 / font.UnitsPerEm;
            var widths = new StringBuilder();
            foreach (var g in used)
            {
                widths.Append(CultureInfo.InvariantCulture, $"{g} [{Math.Round(font.Advance(g) * scale)}] ");
            }
            Set(type0, $"<< /Type /Font /Subtype /Type0 /BaseFont /{font.Name} /Encoding /Identity-H /DescendantFonts [{cid} 0 R] /ToUnicode {toUnicode} 0 R >>");
            Set(cid, $"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{font.Name} /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor {descriptor} 0 R /CIDToGIDMap /Identity /DW 600 /W [{widths}] >>");
            var b = font.BBox.Select(v => Math.Round(v * scale)).ToArray();
            Set(descriptor, string.Create(CultureInfo.InvariantCulture,
                $"<< /Type /FontDescriptor /FontName /{font.Name} /Flags 32 /FontBBox [{b[0]} {b[1]} {b[2]} {b[3]}] /ItalicAngle 0 /Ascent {Math.Round(font.Ascent * scale)} /Descent {Math.Round(font.Descent * scale)} /CapHeight {Math.Round(font.Ascent * scale)} /StemV 80 /FontFile2 {file} 0 R >>"));
            SetStream(file, $"/Filter /FlateDecode /Length1 {font.Data.Length}", Deflate(font.Data));
            SetStream(toUnicode, "/Filter /FlateDecode", Deflate(Encoding.ASCII.GetBytes(ToUnicodeMap(font, used))));
        }
        var pageIds = new List<int>();
        var fontsDict = $"<< /F1 {fontIds[TrueTypeFont.Regular]} 0 R /F2 {fontIds[TrueTypeFont.Bold]} 0 R >>";
        foreach (var content in _pages)
        {
            var page = Reserve();
            var stream = Reserve();
            pageIds.Add(page);
            Set(page, string.Create(CultureInfo.InvariantCulture, $"<< /Type /Page /Parent {pagesId} 0 R /MediaBox [0 0 {PageWidth} {PageHeight}] /Resources << /Font {fontsDict} >> /Contents {stream} 0 R >>"));
            SetStream(stream, "/Filter /FlateDecode", Deflate(Encoding.ASCII.GetBytes(content.ToString())));
        }
        Set(catalog, $"<< /Type /Catalog /Pages {pagesId} 0 R >>");
        Set(pagesId, $"<< /Type /Pages /Kids [{string.Join(" ", pageIds.Select(p => $"{p} 0 R"))}] /Count {pageIds.Count} >>");
        Set(info, $"<< /Title {Utf16(_title)} /Producer (AnSinh) >>");

        using var output = new MemoryStream();
        void Write(string s)
        {
            var bytes = Encoding.ASCII.GetBytes(s);
            output.Write(bytes);
        }
        Write("%PDF-1.7\n");
        var offsets = new long[objects.Count];
        for (var i = 0; i < objects.Count; i++)
        {
            offsets[i] = output.Position;
            Write($"{i + 1} 0 obj\n");
            output.Write(objects[i]);
            Write("\nendobj\n");
        }
        var xref = output.Position;
        Write($"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var o in offsets)
        {
            Write($"{o:D10} 00000 n \n");
        }
        Write($"trailer\n<< /Size {objects.Count + 1} /Root {catalog} 0 R /Info {info} 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return output.ToArray();
    }

    public void Dispose()
    {
    }

    private void Text(TrueTypeFont font, double size, double x, double top, string text)
    {
        var hex = new StringBuilder();
        var used = _used[font];
        foreach (var rune in text.EnumerateRunes())
        {
            var g = font.Glyph(rune.Value);
            used.Add(g);
            hex.Append(g.ToString("X4", CultureInfo.InvariantCulture));
        }
        var name = font == TrueTypeFont.Bold ? "F2" : "F1";
        _page.Append(CultureInfo.InvariantCulture, $"BT /{name} {size:0.##} Tf {x:0.##} {PageHeight - top:0.##} Td <{hex}> Tj ET\n");
    }

    private void Ensure(double height)
    {
        if (_y + height > PageHeight - Margin)
        {
            NewPage();
        }
    }

    private static string Nfc(string? text) => (text ?? "").Normalize(NormalizationForm.FormC);

    private static List<string> Wrap(string text, TrueTypeFont font, double size, double width)
    {
        var lines = new List<string>();
        foreach (var para in text.Split('\n'))
        {
            var line = "";
            foreach (var word in para.Split(' '))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (line.Length > 0 && font.Width(candidate, size) > width)
                {
                    lines.Add(line);
                    line = word;
                }
                else
                {
                    line = candidate;
                }
            }
            lines.Add(line);
        }
        return lines;
    }

    private static byte[] Deflate(byte[] data)
    {
        using var ms = new MemoryStream();
        using (var z = new ZLibStream(ms, CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write(data);
        }
        return ms.ToArray();
    }

    private static string Utf16(string text)
    {
        var sb = new StringBuilder("<FEFF");
        foreach (var ch in text)
        {
            sb.Append(((int)ch).ToString("X4", CultureInfo.InvariantCulture));
        }
        return sb.Append('>').ToString();
    }

    private static string ToUnicodeMap(TrueTypeFont font, SortedSet<ushort> used)
    {
        // Reverse map of the glyphs used: one code point per glyph (the first found).
        var reverse = new Dictionary<ushort, int>();
        foreach (var g in used)
        {
            reverse[g] = 0;
        }
        for (var c = 0x20; c <= 0xFFFF && reverse.ContainsValue(0); c++)
        {
            var g = font.Glyph(c);
            if (g != 0 && reverse.TryGetValue(g, out var cp) && cp == 0)
            {
                reverse[g] = c;
            }
        }
        var sb = new StringBuilder("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
        foreach (var chunk in reverse.Where(r => r.Value != 0).Chunk(100))
        {
            sb.Append(CultureInfo.InvariantCulture, $"{chunk.Length} beginbfchar\n");
            foreach (var (g, c) in chunk)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<{g:X4}> <{c:X4}>\n");
            }
            sb.Append("endbfchar\n");
        }
        sb.Append("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
        return sb.ToString();
    }
}
