using System.Globalization;
using AnSinh.Platform.Errors;
using AnSinh.Platform.Excel;
using AnSinh.Platform.Pdf;
using AnSinh.Platform.Persistence;
using AnSinh.Platform.Scoping;
using AnSinh.Poverty.Classification;
using AnSinh.Poverty.Rounds;
using AnSinh.Poverty.Statistics;
using AnSinh.Registry.Households;
using Microsoft.EntityFrameworkCore;

namespace AnSinh.Poverty.Documents;

/// <summary>Certificates, the decision list, the posted list and the report tables (PDF and .xlsx).</summary>
public sealed class PovertyDocuments(AnSinhDbContext db, ScopeResolver scopes, ReviewRounds rounds, RoundQueries queries, PovertyStatistics statistics)
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>The certificate of a poor or near-poor household, from its status on the date.</summary>
    public async Task<byte[]> CertificateAsync(Guid householdId, DateOnly date, CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        var household = await db.Set<Household>().AsNoTracking().InScope(scope).FirstOrDefaultAsync(h => h.Id == householdId, ct)
            ?? throw new NotFoundException("Không tìm thấy hộ.");
        var status = await db.Set<PovertyStatus>().AsNoTracking()
            .Where(s => s.HouseholdId == householdId && s.From <= date && (s.To == null || s.To >= date))
            .Join(db.Set<ReviewRound>(), s => s.RoundId, r => r.Id, (s, r) => new { s.Status, s.From, r.DecisionNumber, r.DecidedOn, r.CommuneUnitId, r.StandardCode, r.Year })
            .FirstOrDefaultAsync(ct);
        if (status is null || status.Status is not (PovertyClass.Poor or PovertyClass.NearPoor))
        {
            throw new RuleViolationException($"Hộ {household.Code} không có tên trong danh sách hộ nghèo, hộ cận nghèo ngày {date:dd/MM/yyyy}; không cấp giấy chứng nhận.");
        }
        var commune = await db.AdminUnits.AsNoTracking().Where(u => u.Id == status.CommuneUnitId).Select(u => u.FullName).FirstAsync(ct);
        var kind = status.Status == PovertyClass.Poor ? "HỘ NGHÈO" : "HỘ CẬN NGHÈO";
        using var pdf = new PdfDocumentWriter($"Giấy chứng nhận {kind.ToLowerInvariant()} {household.Code}");
        pdf.Centered("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, bold: true);
        pdf.Centered("Độc lập - Tự do - Hạnh phúc", 11, bold: true);
        pdf.Space(10);
        pdf.Centered($"ỦY BAN NHÂN DÂN {commune.ToUpper(Vi)}", 11, bold: true);
        pdf.Space(16);
        pdf.Centered($"GIẤY CHỨNG NHẬN {kind}", 16, bold: true);
        pdf.Centered($"Giai đoạn chuẩn nghèo {status.StandardCode}", 11);
        pdf.Space(16);
        pdf.Paragraph($"Căn cứ Quyết định số {status.DecisionNumber} ngày {status.DecidedOn:dd/MM/yyyy} của Chủ tịch Ủy ban nhân dân {commune} về việc công nhận hộ nghèo, hộ cận nghèo (Quyết định 24/2021/QĐ-TTg);");
        pdf.Space(6);
        pdf.Paragraph($"Ủy ban nhân dân {commune} chứng nhận:", bold: true);
        pdf.Paragraph($"Hộ ông/bà: {household.HeadName}");
        pdf.Paragraph($"Mã hộ: {household.Code}");
        pdf.Paragraph($"Địa chỉ: {household.Address}{(household.VillageName is null ? "" : ", " + household.VillageName)}");
        pdf.Paragraph($"là {kind.ToLowerInvariant()} từ ngày {status.From:dd/MM/yyyy}, theo chuẩn nghèo đa chiều {status.StandardCode}.");
        pdf.Space(6);
        pdf.Paragraph("Giấy chứng nhận có giá trị đến khi có quyết định công nhận kết quả rà soát tiếp theo.");
        pdf.Space(24);
        pdf.Paragraph($"Ngày cấp: {date:dd/MM/yyyy}                                   TM. ỦY BAN NHÂN DÂN");
        pdf.Paragraph("                                                                             CHỦ TỊCH");
        db.Audit("poverty.certificate_issued", "household", householdId.ToString(), household.CommuneCode, after: new { status = PovertyClassifier.Code(status.Status), status.DecisionNumber, date });
        await db.SaveChangesAsync(ct);
        return pdf.ToBytes();
    }

    /// <summary>The decision list of a decided round: every poor and near-poor household with its movement.</summary>
    public async Task<byte[]> DecisionListPdfAsync(Guid roundId, CancellationToken ct = default)
    {
        var (round, commune, rows) = await DecisionRowsAsync(roundId, ct);
        using var pdf = new PdfDocumentWriter($"Danh sách kèm Quyết định {round.DecisionNumber}");
        pdf.Centered($"ỦY BAN NHÂN DÂN {commune.ToUpper(Vi)}", 11, bold: true);
        pdf.Centered("DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO", 14, bold: true);
        pdf.Centered($"(Kèm theo Quyết định số {round.DecisionNumber} ngày {round.DecidedOn:dd/MM/yyyy})", 10);
        pdf.Space(8);
        pdf.Table(["STT", "Mã hộ", "Chủ hộ", "Thôn", "Phân loại", "Biến động"], [0.5, 1.2, 2.5, 1.8, 1.5, 1.8],
            rows.Select((r, i) => (IReadOnlyList<string>)[(i + 1).ToString(Vi), r.HouseholdCode, r.HeadName ?? "", r.VillageName ?? "", ReviewRules.VietnameseName(r.Result!.Value), ReviewRules.VietnameseName(r.Movement ?? Movement.Unchanged)]));
        return pdf.ToBytes();
    }

    public async Task WriteDecisionListXlsxAsync(Guid roundId, Stream output, CancellationToken ct = default)
    {
        var (round, commune, rows) = await DecisionRowsAsync(roundId, ct);
        await XlsxOutput.WriteAsync(output, "Danh sách", w =>
        {
            w.WriteBoldRow([$"DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO - {commune}"]);
            w.WriteRow([$"Kèm theo Quyết định số {round.DecisionNumber} ngày {round.DecidedOn:dd/MM/yyyy}"]);
            w.WriteBoldRow(["STT", "Mã hộ", "Chủ hộ", "Thôn", "Khu vực", "Phân loại", "Trước rà soát", "Biến động"]);
            var i = 0;
            foreach (var r in rows)
            {
                w.WriteRow([++i, r.HouseholdCode, r.HeadName, r.VillageName, r.IsUrban ? "Thành thị" : "Nông thôn", ReviewRules.VietnameseName(r.Result!.Value),
                    ReviewRules.VietnameseName(r.PreviousStatus), ReviewRules.VietnameseName(r.Movement ?? Movement.Unchanged)]);
            }
        }, ct);
    }

    /// <summary>The list to post in public, masked (RULES.md §6): head, village, category.</summary>
    public async Task<byte[]> PostedListPdfAsync(Guid roundId, CancellationToken ct = default)
    {
        var round = await rounds.LoadAsync(roundId, ct);
        var entries = await queries.PostedListAsync(roundId, ct);
        var commune = await db.AdminUnits.AsNoTracking().Where(u => u.Id == round.CommuneUnitId).Select(u => u.FullName).FirstAsync(ct);
        using var pdf = new PdfDocumentWriter("Danh sách niêm yết");
        pdf.Centered($"ỦY BAN NHÂN DÂN {commune.ToUpper(Vi)}", 11, bold: true);
        pdf.Centered("DANH SÁCH DỰ KIẾN HỘ NGHÈO, HỘ CẬN NGHÈO (NIÊM YẾT CÔNG KHAI)", 13, bold: true);
        pdf.Centered(round.PostingStart is { } s ? $"Niêm yết từ {s:dd/MM/yyyy} đến {round.PostingEnd:dd/MM/yyyy}" : "Chưa niêm yết", 10);
        pdf.Space(8);
        pdf.Table(["STT", "Chủ hộ", "Thôn", "Phân loại"], [0.5, 3, 2, 2],
            entries.Select((e, i) => (IReadOnlyList<string>)[(i + 1).ToString(Vi), e.HeadName, e.Village ?? "", e.Category]));
        pdf.Space(8);
        pdf.Paragraph("Mọi ý kiến, khiếu nại gửi Ủy ban nhân dân xã trong thời gian niêm yết.", 10);
        return pdf.ToBytes();
    }

    /// <summary>Lists and rates in the layout of the report forms (Circular 07/2021, Appendix VII): counts and rates per unit.</summary>
    public async Task WriteStatisticsXlsxAsync(string? unitCode, DateOnly date, bool todayMap, Stream output, CancellationToken ct = default)
    {
        var f = await statistics.ComputeAsync(unitCode, date, todayMap, ct);
        var series = await statistics.SeriesAsync(unitCode, ct);
        await XlsxOutput.WriteAsync(output, "Tỷ lệ hộ nghèo", w =>
        {
            w.WriteBoldRow([$"KẾT QUẢ RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO - {f.UnitName}"]);
            w.WriteRow([$"Tại ngày {f.Date:dd/MM/yyyy}; theo bản đồ hành chính {(todayMap ? "hiện hành" : "tại ngày đó")}. Tỷ lệ = số hộ ÷ tổng số hộ (%), làm tròn 2 chữ số."]);
            w.WriteBoldRow(["STT", "Đơn vị", "Tổng số hộ", "Số hộ nghèo", "Tỷ lệ hộ nghèo (%)", "Số hộ cận nghèo", "Tỷ lệ hộ cận nghèo (%)"]);
            var i = 0;
            foreach (var r in f.Rows)
            {
                w.WriteRow([++i, r.Name, r.Households, r.Poor, r.PoorRate, r.NearPoor, r.NearPoorRate]);
            }
            w.WriteRow(["", "Tổng cộng", f.Households, f.Poor, f.PoorRate, f.NearPoor, f.NearPoorRate]);
            w.WriteRow([]);
            w.WriteRow(["", "Theo khu vực và dân tộc"]);
            foreach (var g in f.ByGroup)
            {
                w.WriteRow(["", g.Name, g.Households, g.Poor, g.PoorRate, g.NearPoor, g.NearPoorRate]);
            }
            w.WriteRow([]);
            w.WriteRow(["", $"Biến động trong năm {f.Year}"]);
            foreach (var (code, count) in f.Movements)
            {
                w.WriteRow(["", ReviewRules.VietnameseName(Enum.GetValues<Movement>().First(m => ReviewRules.Code(m) == code)), count]);
            }
            w.WriteRow([]);
            w.WriteRow(["", "Tỷ lệ qua các năm (31/12, bản đồ hiện hành)", "Năm", "Tỷ lệ hộ nghèo (%)", "Tỷ lệ hộ cận nghèo (%)"]);
            var first = w.RowCount + 1;
            foreach (var (year, poor, near) in series)
            {
                w.WriteRow(["", "", year, poor, near]);
            }
            if (series.Count > 0)
            {
                // The chart of the rates over the years, below the table.
                w.AddLineChart($"Tỷ lệ hộ nghèo, cận nghèo qua các năm - {f.UnitName}", first, w.RowCount, 2, [(3, "Tỷ lệ hộ nghèo (%)"), (4, "Tỷ lệ hộ cận nghèo (%)")], w.RowCount + 1);
            }
        }, ct);
        db.Audit("export.poverty_statistics", "admin_unit", f.UnitCode, f.UnitCode, after: new { date, map = f.Map });
        await db.SaveChangesAsync(ct);
    }

    private async Task<(ReviewRound Round, string Commune, List<ReviewHousehold> Rows)> DecisionRowsAsync(Guid roundId, CancellationToken ct)
    {
        var round = await rounds.LoadAsync(roundId, ct);
        if (!round.IsFrozen)
        {
            throw new RuleViolationException("Đợt rà soát chưa có quyết định.");
        }
        var commune = await db.AdminUnits.AsNoTracking().Where(u => u.Id == round.CommuneUnitId).Select(u => u.FullName).FirstAsync(ct);
        var rows = await db.Set<ReviewHousehold>().AsNoTracking()
            .Where(x => x.RoundId == roundId && (x.Result == PovertyClass.Poor || x.Result == PovertyClass.NearPoor))
            .OrderBy(x => x.VillageName).ThenBy(x => x.HouseholdCode).ToListAsync(ct);
        return (round, commune, rows);
    }
}
