using AnSinh.Funds.Documents;
using AnSinh.Funds.Funds;
using AnSinh.Funds.Gifts;
using AnSinh.Funds.Import;
using AnSinh.Funds.Inspection;
using AnSinh.Funds.Ledger;
using AnSinh.Funds.Reports;
using AnSinh.Platform.Errors;
using AnSinh.Platform.Persistence;

namespace AnSinh.Web.Api;

public sealed record CloseMonthRequest(int? Year, int? Month);

public sealed record CloseYearRequest(int? Year);

public sealed record PublishRequest(int? Year, Guid? CampaignId);

/// <summary>The "For the Poor" fund and relief funds (issue #4): funds, the books, reports, self-inspection, public accounts.</summary>
public static class FundsApi
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public static void Map(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/funds").RequireAuthorization().WithTags("Funds");
        g.MapGet("", async (string? unitCode, FundDirectory funds, CancellationToken ct) => (await funds.ListAsync(unitCode, ct)).Select(FundDirectory.ToView));
        g.MapPost("", async (CreateFundRequest r, FundDirectory funds, CancellationToken ct) =>
        {
            var fund = await funds.CreateAsync(r, ct);
            return TypedResults.Created($"/api/funds/{fund.Id}", FundDirectory.ToView(fund));
        });
        g.MapGet("/{id:guid}", async (Guid id, FundDirectory funds, CancellationToken ct) => FundDirectory.ToView(await funds.GetAsync(id, ct)));
        // The users who may approve a spending of the fund (approvedBy takes one's user name), less the one asking.
        g.MapGet("/{id:guid}/approvers", async (Guid id, FundDirectory funds, CancellationToken ct) => await funds.SpendingApproversAsync(id, ct));
        g.MapGet("/{id:guid}/balance", async (Guid id, FundDirectory funds, CancellationToken ct) =>
        {
            var f = await funds.GetAsync(id, ct);
            return new { balance = f.Balance, cash = f.CashBalance, bank = f.BankBalance, goods = f.GoodsBalance, entries = f.EntryCount };
        });
        g.MapGet("/{id:guid}/entries", async (Guid id, int? year, string? kind, int? page, int? pageSize, FundQueries q, CancellationToken ct) =>
            await q.EntriesAsync(id, year, kind, page ?? 1, pageSize ?? 50, ct));
        g.MapGet("/{id:guid}/entries/{entryId:long}", async (Guid id, long entryId, FundQueries q, CancellationToken ct) => await q.EntryAsync(id, entryId, ct));
        g.MapGet("/{id:guid}/entries/{entryId:long}/voucher.pdf", async (Guid id, long entryId, FundDocuments docs, CancellationToken ct) =>
            TypedResults.File(await docs.VoucherAsync(id, entryId, ct), "application/pdf", $"chung-tu-{entryId}.pdf"));
        g.MapGet("/{id:guid}/stock", async (Guid id, FundQueries q, CancellationToken ct) => await q.StockAsync(id, ct));
        // Household codes repeat from commune to commune: a spending's beneficiaries are looked up in one commune of the fund's area.
        g.MapGet("/{id:guid}/beneficiary-communes", async (Guid id, FundQueries q, CancellationToken ct) => await q.BeneficiaryCommunesAsync(id, ct));
        g.MapGet("/{id:guid}/households", async (Guid id, string? codes, string? communeCode, FundQueries q, CancellationToken ct) =>
            await q.HouseholdsByCodeAsync(id, communeCode, (codes ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), ct));

        g.MapPost("/{id:guid}/receipts", async (Guid id, ReceiptRequest r, HttpRequest http, FundLedger ledger, CancellationToken ct) =>
            Posted(http, id, await ledger.ReceiveAsync(id, r, Key(http), ct)));
        g.MapPost("/{id:guid}/receipts/batch", async (Guid id, ReceiptBatchRequest r, FundLedger ledger, CancellationToken ct) =>
        {
            var results = await ledger.ReceiveManyAsync(id, r, ct);
            return new { posted = results.Count(x => x.Status == 201), refused = results.Count(x => x.Status != 201), results };
        });
        g.MapPost("/{id:guid}/spendings", async (Guid id, SpendingRequest r, HttpRequest http, FundLedger ledger, CancellationToken ct) =>
            Posted(http, id, await ledger.SpendAsync(id, r, Key(http), ct)));
        g.MapPost("/{id:guid}/allocations", async (Guid id, AllocationRequest r, HttpRequest http, FundLedger ledger, CancellationToken ct) =>
            Posted(http, id, await ledger.AllocateAsync(id, r, Key(http), ct)));
        g.MapPost("/{id:guid}/opening-balance", async (Guid id, OpeningRequest r, HttpRequest http, FundLedger ledger, CancellationToken ct) =>
            Posted(http, id, await ledger.OpeningBalanceAsync(id, r, Key(http), ct)));
        g.MapPost("/{id:guid}/entries/{entryId:long}/reverse", async (Guid id, long entryId, ReverseRequest r, HttpRequest http, FundLedger ledger, CancellationToken ct) =>
            Posted(http, id, await ledger.ReverseAsync(id, entryId, r, Key(http), ct)));
        g.MapPost("/{id:guid}/close-month", async (Guid id, CloseMonthRequest r, FundLedger ledger, CancellationToken ct) =>
            FundDirectory.ToView(await ledger.CloseMonthAsync(id, r.Year, r.Month, ct)));
        g.MapPost("/{id:guid}/close-year", async (Guid id, CloseYearRequest r, FundLedger ledger, CancellationToken ct) =>
        {
            var y = await ledger.CloseYearAsync(id, r.Year, ct);
            return new { year = y.Year, openingBalance = y.OpeningBalance, closingBalance = y.ClosingBalance, carriedInto = y.Year + 1, closingEntryId = y.ClosingEntryId };
        });

        g.MapGet("/{id:guid}/report", async (Guid id, int? year, string? from, string? to, FundReports reports, CancellationToken ct) =>
            await reports.ForFundAsync(id, year, from, to, ct));
        g.MapGet("/{id:guid}/report.xlsx", async (Guid id, int? year, string? from, string? to, FundReports reports, FundDocuments docs, HttpContext http, CancellationToken ct) =>
        {
            var report = await reports.ForFundAsync(id, year, from, to, ct);
            http.Response.ContentType = FundDocuments.XlsxType;
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"bao-cao-quy-{report.From:yyyyMM}-{report.To:yyyyMM}.xlsx\"";
            await docs.ReportXlsxAsync(http.Response.Body, report, ct);
        });
        g.MapGet("/{id:guid}/report.pdf", async (Guid id, int? year, string? from, string? to, FundReports reports, FundDocuments docs, CancellationToken ct) =>
            TypedResults.File(docs.ReportPdf(await reports.ForFundAsync(id, year, from, to, ct)), "application/pdf", "bao-cao-quy.pdf"));
        g.MapGet("/report", async (string? unitCode, int? year, string? from, string? to, string? kind, FundReports reports, CancellationToken ct) =>
            await reports.ForSubtreeAsync(unitCode, year, from, to, kind, ct));
        g.MapGet("/report.xlsx", async (string? unitCode, int? year, string? from, string? to, string? kind, FundReports reports, FundDocuments docs, HttpContext http, CancellationToken ct) =>
        {
            var report = await reports.ForSubtreeAsync(unitCode, year, from, to, kind, ct);
            http.Response.ContentType = FundDocuments.XlsxType;
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"bao-cao-quy-{report.UnitCode}-{report.From:yyyyMM}-{report.To:yyyyMM}.xlsx\"";
            await docs.ReportXlsxAsync(http.Response.Body, report, ct);
        });
        g.MapGet("/report.pdf", async (string? unitCode, int? year, string? from, string? to, string? kind, FundReports reports, FundDocuments docs, CancellationToken ct) =>
            TypedResults.File(docs.ReportPdf(await reports.ForSubtreeAsync(unitCode, year, from, to, kind, ct)), "application/pdf", "bao-cao-quy-tong-hop.pdf"));

        g.MapGet("/{id:guid}/campaigns", async (Guid id, Campaigns campaigns, CancellationToken ct) => await campaigns.ListAsync(id, ct));
        g.MapPost("/{id:guid}/campaigns", async (Guid id, CampaignRequest r, Campaigns campaigns, CancellationToken ct) =>
        {
            var c = await campaigns.CreateAsync(id, r, ct);
            return TypedResults.Created($"/api/funds/{id}/campaigns", new { id = c.Id });
        });
        g.MapGet("/{id:guid}/inspection", async (Guid id, DateOnly? date, long? countedCash, long? countedBank, SelfInspection inspection, CancellationToken ct) =>
            await inspection.InspectAsync(id, date, countedCash, countedBank, ct));
        g.MapPost("/{id:guid}/publish", async (Guid id, PublishRequest r, PublicAccounts accounts, CancellationToken ct) =>
        {
            var p = await accounts.PublishAsync(id, r.Year, r.CampaignId, ct);
            return TypedResults.Created($"/api/public/funds/{id}/accounts?year={p.Year}", new { fundId = id, year = p.Year, campaignId = p.CampaignId });
        });
        g.MapPost("/{id:guid}/receipts/import", async (Guid id, Guid? campaignId, IFormFile? file, FundReceiptImport import, CancellationToken ct) =>
        {
            if (file is null || file.Length == 0)
            {
                throw new InputValidationException("file", "Cần tệp .xlsx danh sách phiếu thu (trường \"file\").");
            }
            await using var stream = file.OpenReadStream();
            var result = await import.StartAsync(id, stream, file.Length, ct, campaignId);
            return TypedResults.Accepted($"/api/jobs/{result}", new { jobId = result });
        }).DisableAntiforgery();

        var donors = app.MapGroup("/api/donors").RequireAuthorization().WithTags("Funds");
        donors.MapGet("", async (string? q, Campaigns campaigns, CancellationToken ct) => await campaigns.SearchDonorsAsync(q, ct));
        donors.MapGet("/{id:guid}", async (Guid id, Campaigns campaigns, CancellationToken ct) => await campaigns.GetDonorAsync(id, ct));

        // Gift campaigns (Tết, 27/7, longevity): mobilised, allocated, handed out one per household, settled in the fund's books.
        var gifts = app.MapGroup("/api/gift-campaigns").RequireAuthorization().WithTags("Funds");
        gifts.MapGet("", async (int? year, GiftCampaigns campaigns, CancellationToken ct) => await campaigns.ListAsync(year, ct));
        gifts.MapPost("", async (GiftCampaignRequest r, GiftCampaigns campaigns, CancellationToken ct) =>
        {
            var c = await campaigns.CreateAsync(r, ct);
            return TypedResults.Created($"/api/gift-campaigns/{c.Id}", new { id = c.Id });
        });
        gifts.MapGet("/{id:guid}", async (Guid id, GiftCampaigns campaigns, CancellationToken ct) => await campaigns.DetailAsync(id, ct));
        gifts.MapPost("/{id:guid}/mobilised", async (Guid id, GiftMobiliseRequest r, GiftCampaigns campaigns, CancellationToken ct) => await campaigns.MobiliseAsync(id, r, ct));
        gifts.MapPost("/{id:guid}/allocations", async (Guid id, GiftAllocationRequest r, GiftCampaigns campaigns, CancellationToken ct) =>
        {
            var a = await campaigns.AllocateAsync(id, r, ct);
            return TypedResults.Created($"/api/gift-campaigns/{id}", new { id = a.Id, unitCode = a.UnitCode, gifts = a.Gifts });
        });
        gifts.MapGet("/{id:guid}/candidates", async (Guid id, string? unitCode, string? group, string? q, GiftCampaigns campaigns, CancellationToken ct) =>
            await campaigns.CandidatesAsync(id, unitCode, group, q, ct));
        gifts.MapGet("/{id:guid}/handouts", async (Guid id, string? unitCode, GiftCampaigns campaigns, CancellationToken ct) => await campaigns.HandoutsAsync(id, unitCode, ct));
        gifts.MapPost("/{id:guid}/handouts", async (Guid id, GiftHandoutRequest r, GiftCampaigns campaigns, CancellationToken ct) =>
        {
            var h = await campaigns.HandOutAsync(id, r, ct);
            return TypedResults.Created($"/api/gift-campaigns/{id}/handouts", new { id = h.Id, householdId = h.HouseholdId, group = GiftCampaigns.GroupCode(h.Group), value = h.Value });
        });
        gifts.MapPost("/{id:guid}/settle", async (Guid id, GiftSettleRequest r, GiftCampaigns campaigns, CancellationToken ct) =>
        {
            var s = await campaigns.SettleAsync(id, r, ct);
            return TypedResults.Created($"/api/funds/entries/{s.EntryId}", s);
        });
        gifts.MapGet("/{id:guid}/signature-list.xlsx", async (Guid id, string? unitCode, GiftDocuments docs, HttpContext http, CancellationToken ct) =>
        {
            http.Response.ContentType = FundDocuments.XlsxType;
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"ky-nhan-qua-{id:N}.xlsx\"";
            await docs.XlsxAsync(http.Response.Body, id, unitCode, ct);
        });
        gifts.MapGet("/{id:guid}/signature-list.pdf", async (Guid id, string? unitCode, GiftDocuments docs, CancellationToken ct) =>
            TypedResults.File(await docs.PdfAsync(id, unitCode, ct), "application/pdf", $"ky-nhan-qua-{id:N}.pdf"));

        // Public accounts and the donor's look-up: no sign-in, published and masked data only.
        var pub = app.MapGroup("/api/public").AllowAnonymous().WithTags("Public");
        pub.MapGet("/funds", async (PublicAccounts accounts, CancellationToken ct) => await accounts.ListAsync(ct));
        pub.MapGet("/funds/{id:guid}/accounts", async (Guid id, int? year, PublicAccounts accounts, AnSinhDbContext db, CancellationToken ct) =>
            await accounts.AccountsAsync(id, year ?? throw new InputValidationException("year", "Cần năm (year)."), ct));
        pub.MapGet("/campaigns/{id:guid}/accounts", async (Guid id, PublicAccounts accounts, CancellationToken ct) => await accounts.CampaignAccountsAsync(id, ct));
        pub.MapGet("/vouchers/{number}", async (string number, PublicAccounts accounts, CancellationToken ct) => await accounts.VoucherAsync(number, ct));
    }

    private static string? Key(HttpRequest http)
    {
        var key = http.Headers[IdempotencyHeader].ToString().Trim();
        return key.Length == 0 ? null : key;
    }

    private static IResult Posted(HttpRequest http, Guid fundId, PostResult r)
    {
        if (r.Replayed)
        {
            http.HttpContext.Response.Headers["Idempotent-Replayed"] = "true";
        }
        return TypedResults.Created($"/api/funds/{fundId}/entries/{r.Id}", new { id = r.Id, voucherNumber = r.VoucherNumber, balance = r.Balance, allocationId = r.AllocationId, replayed = r.Replayed });
    }
}
