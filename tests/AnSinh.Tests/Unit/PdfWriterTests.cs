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
}
