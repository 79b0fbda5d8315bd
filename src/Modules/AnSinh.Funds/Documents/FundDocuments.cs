using System.Globalization;
using AnSinh.Funds.Funds;
using AnSinh.Funds.Ledger;
using AnSinh.Funds.Reports;
using AnSinh.Platform.Excel;
using AnSinh.Platform.Pdf;
using AnSinh.Platform.Persistence;

namespace AnSinh.Funds.Documents;

/// <summary>Receipt and payment vouchers (PDF) and the fund report (.xlsx and PDF).</summary>
public sealed class FundDocuments(AnSinhDbContext db, FundQueries queries)
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    public static string Money(long amount) => amount.ToString("N0", Vi);

    /// <summary>The voucher of an entry: PHIẾU THU for a receipt or an allocation received, PHIẾU CHI for a spending or an allocation given.</summary>
    public async Task<byte[]> VoucherAsync(Guid fundId, long entryId, CancellationToken ct = default)
    {
        var d = await queries.EntryAsync(fundId, entryId, ct);
        var e = d.Entry;
        var title = e.Kind switch
        {
            "receipt" or "allocation_in" => "PHIẾU THU",
            "spending" or "allocation_out" => "PHIẾU CHI",
            "reversal" => "CHỨNG TỪ ĐIỀU CHỈNH (BÚT TOÁN ĐẢO)",
            _ => "CHỨNG TỪ GHI SỔ",
        };
        using var pdf = new PdfDocumentWriter($"{title} {e.VoucherNumber}");
        pdf.Paragraph($"{d.UnitName}", 10, bold: true);
        pdf.Paragraph(d.FundName, 10);
        pdf.Space(10);
        pdf.Centered(title, 16, bold: true);
        pdf.Centered($"Số: {e.VoucherNumber ?? "—"}    Ngày {e.Date:dd} tháng {e.Date:MM} năm {e.Date:yyyy}", 11);
        pdf.Space(12);
        if (e.Donor is not null)
        {
            pdf.Paragraph($"Họ tên người nộp / đơn vị ủng hộ: {e.Donor}");
        }
        if (d.CounterpartFund is not null)
        {
            pdf.Paragraph($"{(e.Kind == "allocation_in" ? "Quỹ cấp trên phân bổ" : "Quỹ nhận phân bổ")}: {d.CounterpartFund}");
        }
        if (e.Category is { } c && LedgerRules.ParseCategory(c) is { } category)
        {
            pdf.Paragraph($"Khoản chi: {LedgerRules.CategoryName(category)} — số trường hợp: {e.Cases}");
        }
        pdf.Paragraph($"Nội dung: {e.Description}");
        if (e.Goods is not null)
        {
            pdf.Paragraph($"Hiện vật: {e.Goods} (giá trị quy ra tiền)");
        }
        pdf.Paragraph($"Số tiền: {Money(e.Amount)} đồng", 12, bold: true);
        pdf.Paragraph($"Bằng chữ: {VietnameseNumbers.InWords(e.Amount)}");
        pdf.Paragraph($"Hình thức: {(e.Channel switch { "bank" => "chuyển khoản", "goods" => "hiện vật", _ => "tiền mặt" })}");
        if (d.ApprovedBy is not null)
        {
            pdf.Paragraph($"Người duyệt chi: {d.ApprovedBy}");
        }
        if (d.Beneficiaries.Count > 0)
        {
            pdf.Space(6);
            pdf.Paragraph("Danh sách hộ, người thụ hưởng:", bold: true);
            pdf.Table(["STT", "Họ tên", "Thôn", "Mã xã"], [40, 220, 160, 80],
                d.Beneficiaries.Select((b, i) => (IReadOnlyList<string>)[(i + 1).ToString(Vi), b.Name, b.Village ?? "", b.CommuneCode]));
        }
        pdf.Space(24);
        pdf.Paragraph("Người lập phiếu              Người nộp/nhận tiền              Thủ quỹ              Trưởng ban", 10, bold: true);
        pdf.Space(36);
        pdf.Paragraph($"{e.PostedBy}", 10);
        pdf.Space(10);
        pdf.Paragraph($"Mã kiểm tra (SHA-256): {d.Hash[..16]}… — tra cứu công khai tại /public/vouchers", 8);
        db.Audit("fund.voucher_printed", "fund", fundId.ToString(), null, after: new { entryId, e.VoucherNumber });
        await db.SaveChangesAsync(ct);
        return pdf.ToBytes();
    }

    public static IEnumerable<(string Label, string Cases, long Amount)> Lines(FundReport r)
    {
        yield return ("I. Số dư đầu kỳ (năm trước chuyển sang)", "", r.OpeningBalance);
        yield return ("II. Tổng thu trong kỳ", "", r.Receipts.Total);
        yield return ("   1. Thu bằng tiền", "", r.Receipts.Cash);
        yield return ("   2. Thu bằng hiện vật quy ra tiền", "", r.Receipts.InKind);
        yield return ("III. Nhận phân bổ từ cấp trên", "", r.AllocationsIn);
        yield return ("IV. Phân bổ cho cấp dưới", "", r.AllocationsOut);
        yield return ("V. Tổng chi trong kỳ", r.Spendings.Sum(s => s.Cases).ToString("N0", Vi), r.SpendingTotal);
        var i = 0;
        foreach (var s in r.Spendings)
        {
            yield return ($"   {++i}. {s.Name}", s.Cases.ToString("N0", Vi), s.Amount);
        }
        yield return ("VI. Số dư cuối kỳ (chuyển sang kỳ sau)", "", r.ClosingBalance);
    }

    private static string Heading(FundReport r) =>
        $"BÁO CÁO THU, CHI {(r.FundName ?? $"CÁC QUỸ CỦA {r.UnitName} VÀ CẤP DƯỚI (TỔNG HỢP)").ToUpper(Vi)}";

    private static string PeriodText(FundReport r) =>
        $"Từ ngày {r.From:dd/MM/yyyy} đến ngày {r.To:dd/MM/yyyy}{(r.FundName is null ? $" — {r.FundCount} quỹ; phân bổ giữa các quỹ trong địa bàn không tính hai lần" : "")}{(r.Final ? "" : " — SỐ LIỆU TẠM TÍNH (chưa khóa sổ)")}";

    public Task ReportXlsxAsync(Stream output, FundReport r, CancellationToken ct) =>
        XlsxOutput.WriteAsync(output, "Báo cáo quỹ", w =>
        {
            w.WriteBoldRow([Heading(r)]);
            w.WriteRow([r.UnitName]);
            w.WriteRow([PeriodText(r)]);
            w.WriteBoldRow(["Chỉ tiêu", "Số trường hợp", "Số tiền (đồng)"]);
            foreach (var (label, cases, amount) in Lines(r))
            {
                w.WriteRow([label, cases, amount]);
            }
        }, ct);

    public byte[] ReportPdf(FundReport r)
    {
        using var pdf = new PdfDocumentWriter(Heading(r));
        pdf.Centered(Heading(r), 13, bold: true);
        pdf.Centered(r.UnitName, 11);
        pdf.Centered(PeriodText(r), 9);
        pdf.Space(10);
        pdf.Table(["Chỉ tiêu", "Số trường hợp", "Số tiền (đồng)"], [300, 90, 120], Lines(r).Select(l => (IReadOnlyList<string>)[l.Label, l.Cases, Money(l.Amount)]), 9);
        return pdf.ToBytes();
    }
}

/// <summary>Amounts in Vietnamese words, as printed on vouchers ("Bằng chữ").</summary>
public static class VietnameseNumbers
{
    private static readonly string[] Digits = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"];
    private static readonly string[] Groups = ["", " nghìn", " triệu", " tỷ", " nghìn tỷ", " triệu tỷ"];

    public static string InWords(long amount)
    {
        if (amount == 0)
        {
            return "Không đồng";
        }
        var negative = amount < 0;
        var n = (ulong)Math.Abs(amount);
        var parts = new List<string>();
        var groups = new List<int>();
        while (n > 0)
        {
            groups.Add((int)(n % 1000));
            n /= 1000;
        }
        for (var i = groups.Count - 1; i >= 0; i--)
        {
            var g = groups[i];
            if (g == 0)
            {
                continue;
            }
            var full = i < groups.Count - 1;
            parts.Add(Triple(g, full) + Groups[i]);
        }
        var text = string.Join(" ", parts) + " đồng";
        text = (negative ? "âm " : "") + text;
        return char.ToUpper(text[0], CultureInfo.InvariantCulture) + text[1..];
    }

    private static string Triple(int n, bool full)
    {
        var h = n / 100;
        var t = n / 10 % 10;
        var u = n % 10;
        var words = new List<string>();
        if (h > 0 || full)
        {
            words.Add(Digits[h] + " trăm");
        }
        if (t == 0 && u > 0 && (h > 0 || full))
        {
            words.Add("linh");
        }
        else if (t == 1)
        {
            words.Add("mười");
        }
        else if (t > 1)
        {
            words.Add(Digits[t] + " mươi");
        }
        if (u > 0)
        {
            words.Add(u switch
            {
                1 when t > 1 => "mốt",
                5 when t > 0 => "lăm",
                4 when t > 1 => "tư",
                _ => Digits[u],
            });
        }
        return string.Join(" ", words);
    }
}
