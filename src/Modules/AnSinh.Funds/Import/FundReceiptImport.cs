using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using AnSinh.Funds.Funds;
using AnSinh.Funds.Ledger;
using AnSinh.Platform.AdminUnits;
using AnSinh.Platform.Errors;
using AnSinh.Platform.Excel;
using AnSinh.Platform.Jobs;
using AnSinh.Platform.Persistence;
using AnSinh.Platform.Text;
using Microsoft.EntityFrameworkCore;

namespace AnSinh.Funds.Import;

public sealed record ReceiptImportError(int Row, string Column, string Message);

public sealed record ReceiptImportResult(int Rows, int Posted, long Amount, IReadOnlyList<ReceiptImportError> Errors, string Message, string? FirstVoucher, string? LastVoucher);

/// <summary>
/// Imports a campaign's receipts from .xlsx: every row is checked first and nothing is written
/// if any row is wrong (each error names its row, column and reason); otherwise all rows are
/// posted in one transaction, so a killed import leaves nothing half-done. A file already imported
/// into the fund is refused, so running the job again never posts twice.
/// Columns: Ngày | Nhà tài trợ | Loại nhà tài trợ | Hình thức | Số tiền | Tên hàng | Số lượng | Đơn vị tính | Nội dung | Số phiếu
/// </summary>
public sealed class FundReceiptImport(AnSinhDbContext db, FundDirectory directory, FundLedger ledger, JobQueue queue)
{
    public const string JobKind = "import.fund_receipts";
    public const int MaxRows = 200_000;
    public static readonly string[] Columns = ["Ngày", "Nhà tài trợ", "Loại nhà tài trợ", "Hình thức", "Số tiền", "Tên hàng", "Số lượng", "Đơn vị tính", "Nội dung", "Số phiếu"];

    public sealed record Payload(string Path, Guid FundId, Guid? CampaignId);

    public async Task<Guid> StartAsync(Guid fundId, Stream file, long length, CancellationToken ct, Guid? campaignId = null)
    {
        directory.RequireManager();
        await directory.GetAsync(fundId, ct);
        if (length > 100L * 1024 * 1024)
        {
            throw new InputValidationException("file", "Tệp lớn hơn 100 MB.");
        }
        var dir = Path.Combine(Path.GetTempPath(), "ansinh-uploads");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, Guid.NewGuid().ToString("N") + ".xlsx");
        await using (var target = File.Create(path))
        {
            await file.CopyToAsync(target, ct);
        }
        XlsxCheck.RefuseUnreadable(path);
        var job = await JobStore.CreateAsync(db, JobKind, JsonSerializer.Serialize(new Payload(path, fundId, campaignId)), ct);
        queue.Enqueue(job.Id);
        return job.Id;
    }

    private sealed record Row(int Number, DateOnly Date, string? Donor, DonorType Type, Channel Channel, long Amount, string? Goods, decimal? Quantity, string? Unit, string? Description, string? Voucher);

    public async Task<ReceiptImportResult> RunAsync(Guid fundId, Stream file, Guid? campaignId, IJobProgress? progress, CancellationToken ct = default)
    {
        directory.RequireManager();
        var fundView = await directory.GetAsync(fundId, ct);
        if (campaignId is { } cid && !await db.Set<Campaign>().AnyAsync(c => c.Id == cid && c.FundId == fundId, ct))
        {
            throw new InputValidationException("campaignId", "Đợt vận động không thuộc quỹ này.");
        }
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        var fileKey = "import:" + Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()))[..32];
        buffer.Position = 0;
        var today = db.Today();
        var rows = new List<Row>();
        var errors = new List<ReceiptImportError>();
        using (var reader = XlsxReader.Open(buffer))
        {
            var header = true;
            foreach (var x in reader.ReadRows())
            {
                if (header)
                {
                    header = false;
                    if (!string.Equals(x[0]?.Trim(), Columns[0], StringComparison.OrdinalIgnoreCase) || !string.Equals(x[4]?.Trim(), Columns[4], StringComparison.OrdinalIgnoreCase))
                    {
                        throw new XlsxFormatException($"Dòng tiêu đề phải là: {string.Join(" | ", Columns)}.");
                    }
                    continue;
                }
                if (x.Values.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }
                if (rows.Count + errors.Count >= MaxRows)
                {
                    throw new XlsxFormatException($"Một tệp nhập tối đa {MaxRows:N0} phiếu thu.");
                }
                var row = ParseRow(x, today, fundView.ClosedThrough, errors);
                if (row is not null)
                {
                    rows.Add(row);
                }
            }
        }
        if (rows.Count > 0 && await db.Set<JournalEntry>().AnyAsync(e => e.FundId == fundId && e.IdempotencyKey == fileKey + ":" + rows[0].Number, ct))
        {
            throw new RuleViolationException("Tệp này đã được nhập vào quỹ; không nhập lại lần hai.");
        }
        var vouchers = rows.Where(r => r.Voucher is not null).GroupBy(r => r.Voucher!).Where(g => g.Count() > 1);
        foreach (var g in vouchers)
        {
            foreach (var r in g.Skip(1))
            {
                errors.Add(new ReceiptImportError(r.Number, "Số phiếu", $"Số phiếu \"{r.Voucher}\" lặp lại trong tệp."));
            }
        }
        var given = rows.Where(r => r.Voucher is not null).Select(r => r.Voucher!).Distinct().ToList();
        foreach (var chunk in given.Chunk(1000))
        {
            var used = await db.Set<JournalEntry>().AsNoTracking().Where(e => e.UnitCode == fundView.UnitCode && chunk.Contains(e.VoucherNumber!)).Select(e => e.VoucherNumber!).ToListAsync(ct);
            foreach (var r in rows.Where(r => r.Voucher is not null && used.Contains(r.Voucher)))
            {
                errors.Add(new ReceiptImportError(r.Number, "Số phiếu", $"Số phiếu \"{r.Voucher}\" đã được dùng ở {fundView.UnitName}."));
            }
        }
        if (rows.Count == 0 && errors.Count == 0)
        {
            errors.Add(new ReceiptImportError(2, "", "Tệp không có phiếu thu nào."));
        }
        if (errors.Count > 0)
        {
            var sorted = errors.OrderBy(e => e.Row).ToList();
            return new ReceiptImportResult(rows.Count + errors.Select(e => e.Row).Distinct().Count(), 0, 0, sorted.Take(1000).ToList(),
                $"Tệp có {sorted.Count:N0} lỗi; không phiếu thu nào được ghi. Hãy sửa rồi nhập lại.", null, null);
        }
        progress?.ReportAsync(0, rows.Count, "Đang ghi sổ…");
        var donors = await ledger.DonorIdsAsync(rows.Where(r => r.Type != DonorType.Anonymous).Select(r => (r.Donor!, r.Type, (string?)null)), ct);
        var posted = await ledger.PostImportedReceiptsAsync(fundId, rows.Select(r => new ImportedReceipt(
            r.Date, r.Type == DonorType.Anonymous ? null : donors[(VietnameseText.SearchKey(r.Donor), r.Type)], r.Type == DonorType.Anonymous ? LedgerRules.AnonymousName : r.Donor!, r.Type,
            r.Channel, r.Amount, r.Goods, r.Quantity, r.Unit, r.Description, r.Voucher, $"{fileKey}:{r.Number}")).ToList(), campaignId, ct);
        if (progress is not null)
        {
            await progress.ReportAsync(rows.Count, rows.Count, "Đã ghi sổ.");
        }
        return new ReceiptImportResult(rows.Count, rows.Count, rows.Sum(r => r.Amount), [], $"Đã ghi {rows.Count:N0} phiếu thu, tổng {rows.Sum(r => r.Amount):N0} đồng.", posted.First, posted.Last);
    }

    private static Row? ParseRow(XlsxRow x, DateOnly today, DateOnly? closedThrough, List<ReceiptImportError> errors)
    {
        var before = errors.Count;
        void Error(int col, string message) => errors.Add(new ReceiptImportError(x.Number, Columns[col], message));
        var date = ParseDate(x[0]);
        if (date is null)
        {
            Error(0, "Ngày không đọc được (dd/MM/yyyy).");
        }
        else if (LedgerRules.CheckDate(date, today, closedThrough) is { } dateError)
        {
            Error(0, dateError);
        }
        var donor = x[1]?.Trim();
        var type = ParseType(x[2], donor);
        if (type is null)
        {
            Error(2, "Loại nhà tài trợ phải là Tổ chức, Doanh nghiệp, Cá nhân hoặc Ẩn danh.");
        }
        else if (type != DonorType.Anonymous && string.IsNullOrWhiteSpace(donor))
        {
            Error(1, "Thiếu tên nhà tài trợ (hoặc ghi loại Ẩn danh).");
        }
        else if (donor?.Length > 300)
        {
            Error(1, "Tên nhà tài trợ dài quá 300 ký tự.");
        }
        var form = VietnameseText.SearchKey(x[3]);
        Channel? channel = form switch
        {
            "" or "tien mat" or "cash" => Channel.Cash,
            "chuyen khoan" or "ngan hang" or "bank" => Channel.Bank,
            "hien vat" or "in_kind" or "in kind" => Channel.Goods,
            _ => null,
        };
        if (channel is null)
        {
            Error(3, "Hình thức phải là Tiền mặt, Chuyển khoản hoặc Hiện vật.");
        }
        long? amount = long.TryParse((x[4] ?? "").Replace(".", "").Replace(",", "").Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var a) ? a : null;
        if (amount is null && decimal.TryParse(x[4], NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == Math.Floor(d))
        {
            amount = (long)d;
        }
        if (LedgerRules.CheckAmount(amount) is { } amountError)
        {
            Error(4, channel == Channel.Goods ? "Hàng hiện vật phải được quy ra tiền (giá trị lớn hơn 0 đồng)." : amountError);
        }
        decimal? quantity = null;
        if (channel == Channel.Goods)
        {
            if (string.IsNullOrWhiteSpace(x[5]))
            {
                Error(5, "Thiếu tên hàng hiện vật.");
            }
            quantity = decimal.TryParse(x[6], NumberStyles.Float, CultureInfo.InvariantCulture, out var q) && q > 0 ? q : null;
            if (quantity is null)
            {
                Error(6, "Số lượng hàng phải lớn hơn 0.");
            }
            if (string.IsNullOrWhiteSpace(x[7]))
            {
                Error(7, "Thiếu đơn vị tính.");
            }
        }
        if (x[8]?.Length > 1000)
        {
            Error(8, "Nội dung dài quá 1000 ký tự.");
        }
        if (x[9]?.Trim().Length > 40)
        {
            Error(9, "Số phiếu dài quá 40 ký tự.");
        }
        if (errors.Count > before)
        {
            return null;
        }
        return new Row(x.Number, date!.Value, donor, type!.Value, channel!.Value, amount!.Value, channel == Channel.Goods ? x[5]!.Trim() : null, quantity,
            channel == Channel.Goods ? x[7]!.Trim() : null, string.IsNullOrWhiteSpace(x[8]) ? null : x[8]!.Trim(), string.IsNullOrWhiteSpace(x[9]) ? null : x[9]!.Trim());
    }

    private static DateOnly? ParseDate(string? text)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (DateOnly.TryParseExact(text, ["dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return d;
        }
        // An Excel date cell: days since 30/12/1899.
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 36_000 and < 80_000
            ? DateOnly.FromDateTime(new DateTime(1899, 12, 30).AddDays(Math.Floor(serial)))
            : null;
    }

    private static DonorType? ParseType(string? text, string? donor) => VietnameseText.SearchKey(text) switch
    {
        "" => string.IsNullOrWhiteSpace(donor) ? DonorType.Anonymous : DonorType.Individual,
        "to chuc" or "co quan" or "organization" => DonorType.Organization,
        "doanh nghiep" or "enterprise" => DonorType.Enterprise,
        "ca nhan" or "individual" => DonorType.Individual,
        "an danh" or "anonymous" => DonorType.Anonymous,
        _ => null,
    };
}

/// <summary>Runs an import of receipts as a background job.</summary>
public sealed class FundReceiptImportJob(FundReceiptImport import) : IJobHandler
{
    public string Kind => FundReceiptImport.JobKind;

    public async Task<string?> RunAsync(BackgroundJob job, IJobProgress progress, CancellationToken ct)
    {
        var payload = JsonSerializer.Deserialize<FundReceiptImport.Payload>(job.Payload!)!;
        // The uploaded file stays until the import has an answer, so a job that died half-way can be run again.
        string result;
        try
        {
            await using var file = File.OpenRead(payload.Path);
            result = JsonSerializer.Serialize(await import.RunAsync(payload.FundId, file, payload.CampaignId, progress, ct), JsonSerializerOptions.Web);
        }
        catch (XlsxFormatException ex)
        {
            result = JsonSerializer.Serialize(new ReceiptImportResult(0, 0, 0, [new ReceiptImportError(0, "", ex.Message)], ex.Message, null, null), JsonSerializerOptions.Web);
        }
        catch (Exception ex) when (ex is RuleViolationException or InputValidationException or NotFoundException)
        {
            // A refusal is an answer too (already imported, outside the scope): the job fails with its reason.
            File.Delete(payload.Path);
            throw;
        }
        File.Delete(payload.Path);
        return result;
    }
}
