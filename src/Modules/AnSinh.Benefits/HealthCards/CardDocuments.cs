using System.Globalization;
using AnSinh.Platform.Excel;

namespace AnSinh.Benefits.HealthCards;

/// <summary>A batch of cards as the list sent to the insurance agency (danh sách cấp thẻ bảo hiểm y tế), in .xlsx.</summary>
public sealed class CardDocuments(HealthCards cards)
{
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    private static readonly string[] Headers = ["STT", "Họ tên", "Mã thẻ", "Nhóm", "Giá trị từ", "Đến", "Mức đóng/tháng", "Ngân sách đóng (%)", "Ngân sách đóng cả thẻ (đồng)"];

    public async Task XlsxAsync(Stream output, Guid batchId, CancellationToken ct)
    {
        var (batch, list) = await cards.BatchAsync(batchId, ct);
        await XlsxOutput.WriteAsync(output, "Cấp thẻ BHYT", w =>
        {
            w.WriteBoldRow([$"DANH SÁCH CẤP THẺ BẢO HIỂM Y TẾ — {batch.CommuneName} ({batch.CommuneCode})"]);
            w.WriteRow([$"Giá trị {batch.ValidFrom.ToString("dd/MM/yyyy", Vi)} – {batch.ValidTo.ToString("dd/MM/yyyy", Vi)}; lập ngày {AnSinh.Platform.Calendar.VietnamTime.OfUtc(batch.IssuedAt).ToString("dd/MM/yyyy", Vi)} bởi {batch.IssuedBy}"]);
            w.WriteBoldRow(Headers);
            var n = 0;
            foreach (var c in list)
            {
                w.WriteRow([++n, c.FullName, c.CardNumber, c.Group, c.ValidFrom.ToString("dd/MM/yyyy", Vi), c.ValidTo.ToString("dd/MM/yyyy", Vi), c.MonthlyPremium, c.StatePercent, c.StateCost]);
            }
            w.WriteBoldRow(["", $"Cộng: {batch.Cards:N0} thẻ", "", "", "", "", "", "", batch.StateCost]);
        }, ct);
    }
}
