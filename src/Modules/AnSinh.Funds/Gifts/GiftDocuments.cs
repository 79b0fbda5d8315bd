using System.Globalization;
using AnSinh.Funds.Documents;
using AnSinh.Platform.Excel;
using AnSinh.Platform.Pdf;

namespace AnSinh.Funds.Gifts;

/// <summary>The signature list of a gift campaign (danh sách ký nhận quà): .xlsx and PDF.</summary>
public sealed class GiftDocuments(GiftCampaigns campaigns)
{
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    private static string Title(GiftCampaignView c) => $"DANH SÁCH KÝ NHẬN QUÀ — {c.Name.ToUpper(Vi)}";

    private static IEnumerable<IReadOnlyList<string>> Rows(IReadOnlyList<GiftHandoutView> rows) =>
        rows.Select((h, i) => (IReadOnlyList<string>)[(i + 1).ToString(Vi), h.HeadName, h.VillageName ?? "", h.CommuneCode, h.GroupName,
            FundDocuments.Money(h.Value), h.HandedOn.ToString("dd/MM/yyyy", Vi), h.ReceivedBy ?? "", ""]);

    private static readonly string[] Headers = ["STT", "Chủ hộ", "Thôn", "Mã xã", "Đối tượng", "Giá trị (đồng)", "Ngày nhận", "Người nhận thay", "Ký nhận"];

    public async Task<(GiftCampaignView Campaign, IReadOnlyList<GiftHandoutView> Rows)> ListAsync(Guid id, string? unitCode, CancellationToken ct)
    {
        var c = await campaigns.DetailAsync(id, ct);
        return (c, await campaigns.HandoutsAsync(id, unitCode, ct));
    }

    public async Task XlsxAsync(Stream output, Guid id, string? unitCode, CancellationToken ct)
    {
        var (c, rows) = await ListAsync(id, unitCode, ct);
        await XlsxOutput.WriteAsync(output, "Ký nhận quà", w =>
        {
            w.WriteBoldRow([Title(c)]);
            w.WriteRow([$"{c.UnitName} — {c.OccasionName} năm {c.Year}{(string.IsNullOrWhiteSpace(unitCode) ? "" : $" — xã {unitCode.Trim()}")}"]);
            w.WriteBoldRow(Headers);
            foreach (var (h, i) in rows.Select((h, i) => (h, i)))
            {
                w.WriteRow([i + 1, h.HeadName, h.VillageName, h.CommuneCode, h.GroupName, h.Value, h.HandedOn.ToString("dd/MM/yyyy", Vi), h.ReceivedBy, ""]);
            }
            w.WriteBoldRow(["", $"Cộng: {rows.Count:N0} suất", "", "", "", rows.Sum(h => h.Value), "", "", ""]);
        }, ct);
    }

    public async Task<byte[]> PdfAsync(Guid id, string? unitCode, CancellationToken ct)
    {
        var (c, rows) = await ListAsync(id, unitCode, ct);
        using var pdf = new PdfDocumentWriter(Title(c));
        pdf.Paragraph(c.UnitName, 10, bold: true);
        pdf.Centered(Title(c), 13, bold: true);
        pdf.Centered($"{c.OccasionName} năm {c.Year}{(string.IsNullOrWhiteSpace(unitCode) ? "" : $" — xã {unitCode.Trim()}")}", 10);
        pdf.Space(8);
        pdf.Table(Headers, [26, 100, 70, 40, 70, 60, 52, 70, 60], Rows(rows), 8);
        pdf.Space(6);
        pdf.Paragraph($"Cộng: {rows.Count:N0} suất quà, trị giá {FundDocuments.Money(rows.Sum(h => h.Value))} đồng ({VietnameseNumbers.InWords(rows.Sum(h => h.Value))}).", 9, bold: true);
        pdf.Space(18);
        pdf.Paragraph("Người lập danh sách                              Đại diện Ban vận động                              Chủ tịch UBND xã", 9, bold: true);
        return pdf.ToBytes();
    }
}
