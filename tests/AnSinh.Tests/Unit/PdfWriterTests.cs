using System.Text;
using AnSinh.Platform.Pdf;

namespace AnSinh.Tests.Unit;

public sealed class PdfWriterTests
{
    [Fact]
    public void Writes_a_pdf_with_vietnamese_text_and_an_embedded_font()
    {
        using var pdf = new PdfDocumentWriter("Giấy chứng nhận");
        pdf.Centered("GIẤY CHỨNG NHẬN HỘ NGHÈO", 16, bold: true);
        pdf.Paragraph("Hộ ông/bà: Nông Văn Nghèo, thôn Bản Nà Rì, xã Thông Nông.");
        pdf.Table(["STT", "Chủ hộ"], [1, 3], Enumerable.Range(1, 120).Select(i => (IReadOnlyList<string>)[i.ToString(), $"Hộ số {i}"]));
        var bytes = pdf.ToBytes();
        if (Environment.GetEnvironmentVariable("ANSINH_PDF_SAMPLE") is { Length: > 0 } path)
        {
            File.WriteAllBytes(path, bytes);
        }
        var text = Encoding.Latin1.GetString(bytes);
        Assert.StartsWith("%PDF-", text, StringComparison.Ordinal);
        Assert.Contains("DejaVuSans", text, StringComparison.Ordinal);
        // 120 table rows do not fit on one A4 page.
        Assert.True(text.Split("/Type /Page").Length - 1 >= 3, "expected more than one page");
    }

    [Fact]
    public void A_bar_chart_is_drawn_with_one_filled_bar_per_value_and_its_labels()
    {
        using var pdf = new PdfDocumentWriter("Biểu đồ");
        pdf.BarChart("Tỷ lệ hộ nghèo qua các năm (%)", ["2024", "2025", "2026"],
            [("Hộ nghèo", [8.01, 5.2, 3.34]), ("Cận nghèo", [6.0, 5.5, 4.1])], v => v.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), reference: 5);
        var content = Contents(pdf.ToBytes());
        // Six bars and two legend boxes, each a filled rectangle; the dashed reference line.
        Assert.Equal(8, content.Split(" re f").Length - 1);
        Assert.Contains("[3 2] 0 d", content, StringComparison.Ordinal);
        // The tallest bar (8.01 of a maximum 8.01) is the full 140 points high.
        Assert.Contains(" 140 re f", content, StringComparison.Ordinal);
    }

    /// <summary>The page content streams, inflated.</summary>
    private static string Contents(byte[] pdf)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var all = new StringBuilder();
        for (var at = text.IndexOf("/Filter /FlateDecode /Length ", StringComparison.Ordinal); at >= 0; at = text.IndexOf("/Filter /FlateDecode /Length ", at + 1, StringComparison.Ordinal))
        {
            var start = text.IndexOf("stream\n", at, StringComparison.Ordinal) + "stream\n".Length;
            var end = text.IndexOf("\nendstream", start, StringComparison.Ordinal);
            try
            {
                using var z = new System.IO.Compression.ZLibStream(new MemoryStream(pdf, start, end - start), System.IO.Compression.CompressionMode.Decompress);
                using var reader = new StreamReader(z, Encoding.Latin1);
                all.Append(reader.ReadToEnd());
            }
            catch (InvalidDataException)
            {
                // A font program, not a page.
            }
        }
        return all.ToString();
    }
}
