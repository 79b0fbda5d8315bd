using System.Globalization;
using AnSinh.Benefits.Parameters;
using AnSinh.Platform.Excel;
using AnSinh.Platform.Pdf;

namespace AnSinh.Benefits.Payroll;

/// <summary>The payroll of a commune as a list to sign (danh sách chi trả kiêm ký nhận): .xlsx and PDF.</summary>
public sealed class PayrollDocuments(Payrolls payrolls)
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    private static readonly string[] Headers = ["STT", "Họ tên", "Số định danh", "Chế độ", "Loại", "Tháng", "Căn cứ", "Số tiền (đồng)", "Ngày chi", "Ký nhận"];

    private static string SchemeName(string code) => BenefitParameters.ParseScheme(code) is { } s ? BenefitParameters.SchemeName(s) : code;

    private static string Title(PayrollRunView r) => $"DANH SÁCH CHI TRẢ TRỢ CẤP HẰNG THÁNG — THÁNG {r.Month[5..]}/{r.Month[..4]}";

    private static string Status(PayrollRunView r) => r.Status == "approved" ? $"Đã duyệt ngày {AnSinh.Platform.Calendar.VietnamTime.OfUtc(r.ApprovedAt):dd/MM/yyyy} bởi {r.ApprovedBy}" : "BẢN NHÁP — chưa duyệt";

    public async Task XlsxAsync(Stream output, Guid id, CancellationToken ct)
    {
        var (run, lines) = await payrolls.LinesAsync(id, ct);
        await XlsxOutput.WriteAsync(output, "Chi trả", w =>
        {
            w.WriteBoldRow([Title(run)]);
            w.WriteRow([$"{run.CommuneName} ({run.CommuneCode}) — {Status(run)}"]);
            w.WriteBoldRow(Headers);
            var n = 0;
            foreach (var l in lines)
            {
                w.WriteRow([++n, l.FullName, l.NationalId, SchemeName(l.Scheme), Payrolls.KindName(l.Kind), l.ForMonth, l.Basis, l.Amount, l.PaidOn?.ToString("dd/MM/yyyy", Vi), ""]);
            }
            w.WriteBoldRow(["", $"Cộng: {run.People:N0} người", "", "", "", "", $"truy lĩnh {run.Arrears:N0}; truy thu {run.Recoveries:N0}", run.Total, "", ""]);
        }, ct);
    }

    public async Task<byte[]> PdfAsync(Guid id, CancellationToken ct)
    {
        var (run, lines) = await payrolls.LinesAsync(id, ct);
        using var pdf = new PdfDocumentWriter(Title(run));
        pdf.Paragraph($"{run.CommuneName}", 10, bold: true);
        pdf.Centered(Title(run), 13, bold: true);
        pdf.Centered(Status(run), 9);
        pdf.Space(8);
        var rows = lines.Where(l => l.Kind != "withheld").Select((l, i) => (IReadOnlyList<string>)[(i + 1).ToString(Vi), l.FullName, l.NationalId ?? "", SchemeName(l.Scheme),
            Payrolls.KindName(l.Kind), l.ForMonth[5..] + "/" + l.ForMonth[..4], l.Basis, l.Amount.ToString("N0", Vi), l.PaidOn?.ToString("dd/MM/yyyy", Vi) ?? "", ""]);
        pdf.Table(Headers, [22, 90, 62, 52, 44, 36, 150, 56, 44, 52], rows, 7);
        pdf.Space(6);
        pdf.Paragraph($"Cộng: {run.People:N0} người, {run.Total:N0} đồng (truy lĩnh {run.Arrears:N0}; truy thu {run.Recoveries:N0}). Không chi: {run.Withheld:N0} trường hợp (xem bảng .xlsx).", 9, bold: true);
        pdf.Space(18);
        pdf.Paragraph("Người lập bảng                              Kế toán                              Chủ tịch UBND xã", 9, bold: true);
        return pdf.ToBytes();
    }
}
