using System.Text.Json;
using AnSinh.Benefits.Dossiers;
using AnSinh.Benefits.HealthCards;
using AnSinh.Benefits.Parameters;
using AnSinh.Benefits.Payroll;
using AnSinh.Benefits.PresidentGifts;
using AnSinh.Benefits.Quotes;
using AnSinh.Benefits.Registers;
using AnSinh.Benefits.Relief;
using AnSinh.Platform.Errors;
using AnSinh.Platform.Jobs;
using AnSinh.Platform.Persistence;
using AnSinh.Platform.Scoping;

namespace AnSinh.Web.Api;

/// <summary>Policy beneficiaries (issue #5), first part: dated parameters and the calculators' quotes.</summary>
public static class BenefitsApi
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/benefits").RequireAuthorization().WithTags("Benefits");
        g.MapGet("/base-levels", async (string? scheme, DateOnly? date, string? provinceCode, BenefitParameters p, CancellationToken ct) =>
            scheme is null && date is null
                ? Results.Ok(await p.ListAsync(ct))
                : Results.Ok(await p.OnAsync(scheme, date, provinceCode, ct)));
        g.MapPost("/base-levels", async (BaseLevelRequest r, BenefitParameters p, CancellationToken ct) =>
        {
            var level = await p.AddAsync(r, ct);
            return TypedResults.Created($"/api/benefits/base-levels?scheme={level.Scheme}&date={level.ValidFrom:yyyy-MM-dd}", level);
        });
        g.MapPost("/base-levels/{id:int}/confirm", async (int id, ConfirmRequest r, BenefitParameters p, CancellationToken ct) => await p.ConfirmAsync(id, r, ct));
        g.MapGet("/coefficients", async (DateOnly? date, BenefitParameters p, TimeProvider clock, CancellationToken ct) =>
        {
            var set = await p.LoadAsync(ct);
            var on = date ?? AnSinh.Platform.Calendar.VietnamTime.Today(clock);
            return set.Coefficients.Where(c => c.ValidFrom <= on && (c.ValidTo is null || c.ValidTo >= on)).OrderBy(c => c.Clause).ThenBy(c => c.Disability).ThenBy(c => c.MinAge)
                .Select(c => new { c.Clause, c.Disability, c.MinAge, c.MaxAge, c.Coefficient, c.PerChild, c.ValidFrom, c.Source });
        });
        g.MapGet("/merit-rates", async (DateOnly? date, BenefitParameters p, TimeProvider clock, CancellationToken ct) =>
        {
            var set = await p.LoadAsync(ct);
            var on = date ?? AnSinh.Platform.Calendar.VietnamTime.Today(clock);
            return set.MeritRates.Where(r => r.ValidFrom <= on && (r.ValidTo is null || r.ValidTo >= on)).OrderBy(r => r.Table).ThenBy(r => r.Row, StringComparer.Ordinal)
                .Select(r => new { r.Table, r.Row, r.Allowance, r.Supplement, r.SupplementPerYear, r.ValidFrom, r.Source });
        });
        g.MapPost("/merit-rates", async (MeritTableRequest r, BenefitParameters p, CancellationToken ct) =>
            TypedResults.Created($"/api/benefits/merit-rates?date={r.ValidFrom:yyyy-MM-dd}", new { rows = await p.AddMeritTableAsync(r, ct) }));
        g.MapPost("/social-assistance/quote", async (AssistanceQuoteRequest r, BenefitParameters p, CancellationToken ct) => View(await p.QuoteAssistanceAsync(r, ct)));
        g.MapGet("/beneficiaries", async (string? communeCode, string? scheme, DateOnly? month, BeneficiaryRegister register, CancellationToken ct) =>
            await register.ListAsync(communeCode, scheme, month, ct));
        g.MapGet("/beneficiaries/{id:guid}", async (Guid id, BeneficiaryRegister register, CancellationToken ct) => await register.GetAsync(id, ct));
        g.MapPost("/beneficiaries", async (BeneficiaryRequest r, BeneficiaryRegister register, CancellationToken ct) =>
        {
            var b = await register.CreateAsync(r, ct);
            return TypedResults.Created($"/api/benefits/beneficiaries/{b.Id}", b);
        });
        g.MapPost("/beneficiaries/{id:guid}/end", async (Guid id, EndRequest r, BeneficiaryRegister register, CancellationToken ct) => await register.EndAsync(id, r, ct));
        // The monthly payroll: one commune at once, or a whole province as a background job.
        var p = app.MapGroup("/api/payroll").RequireAuthorization().WithTags("Payroll");
        p.MapGet("/runs", async (string? communeCode, string? month, Payrolls s, CancellationToken ct) => await s.ListAsync(communeCode, month, ct));
        p.MapPost("/runs", async (PayrollRequest r, Payrolls s, CancellationToken ct) =>
        {
            var run = await s.ComputeAsync(r, ct);
            return TypedResults.Created($"/api/payroll/runs/{run.Id}", run);
        });
        p.MapPost("/province-runs", async (ProvincePayrollRequest r, AnSinhDbContext db, ScopeResolver scopes, JobQueue queue, CancellationToken ct) =>
        {
            var job = await StartProvinceAsync(r, db, scopes, queue, ct);
            return TypedResults.Accepted($"/api/jobs/{job.Id}", new { jobId = job.Id });
        });
        p.MapGet("/runs/{id:guid}", async (Guid id, Payrolls s, CancellationToken ct) =>
        {
            var (run, lines) = await s.LinesAsync(id, ct);
            return new { run, lines };
        });
        p.MapPost("/runs/{id:guid}/approve", async (Guid id, Payrolls s, CancellationToken ct) => await s.ApproveAsync(id, ct));
        p.MapPost("/runs/{id:guid}/payments", async (Guid id, PaymentRequest r, Payrolls s, CancellationToken ct) => await s.PayAsync(id, r, ct));
        p.MapGet("/runs/{id:guid}/changes", async (Guid id, Payrolls s, CancellationToken ct) => await s.ChangesAsync(id, ct));
        p.MapGet("/runs/{id:guid}/payroll.xlsx", async (Guid id, PayrollDocuments docs, HttpContext http, CancellationToken ct) =>
        {
            http.Response.ContentType = PayrollDocuments.XlsxType;
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"chi-tra-{id:N}.xlsx\"";
            await docs.XlsxAsync(http.Response.Body, id, ct);
        });
        p.MapGet("/runs/{id:guid}/payroll.pdf", async (Guid id, PayrollDocuments docs, CancellationToken ct) =>
            TypedResults.File(await docs.PdfAsync(id, ct), "application/pdf", $"chi-tra-{id:N}.pdf"));

        // State-supported health-insurance cards: entitlement derived from the registers, batches, expiring cards, counts.
        var h = app.MapGroup("/api/health-cards").RequireAuthorization().WithTags("Health insurance cards");
        h.MapGet("/groups", async (HealthCards s, CancellationToken ct) => await s.GroupsAsync(ct));
        h.MapGet("/entitled", async (string? communeCode, DateOnly? date, HealthCards s, CancellationToken ct) => await s.EntitledAsync(communeCode, date, ct));
        h.MapGet("/entitlement/{personId:guid}", async (Guid personId, DateOnly? date, HealthCards s, CancellationToken ct) => await s.EntitlementAsync(personId, date, ct));
        h.MapGet("/batches", async (string? communeCode, HealthCards s, CancellationToken ct) => await s.BatchesAsync(communeCode, ct));
        h.MapPost("/batches", async (CardBatchRequest r, HealthCards s, CancellationToken ct) =>
        {
            var batch = await s.IssueAsync(r, ct);
            return TypedResults.Created($"/api/health-cards/batches/{batch.Id}", batch);
        });
        h.MapGet("/batches/{id:guid}", async (Guid id, HealthCards s, CancellationToken ct) =>
        {
            var (batch, cards) = await s.BatchAsync(id, ct);
            return new { batch, cards };
        });
        h.MapGet("/batches/{id:guid}/cards.xlsx", async (Guid id, CardDocuments docs, HttpContext http, CancellationToken ct) =>
        {
            http.Response.ContentType = PayrollDocuments.XlsxType;
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"the-bhyt-{id:N}.xlsx\"";
            await docs.XlsxAsync(http.Response.Body, id, ct);
        });
        h.MapGet("/expiring", async (string? communeCode, string? month, HealthCards s, CancellationToken ct) => await s.ExpiringAsync(communeCode, month, ct));
        h.MapGet("/counts", async (string? unitCode, int? year, HealthCards s, CancellationToken ct) => await s.CountsAsync(unitCode, year, ct));

        // The President's gifts for Tết and 27/7: a commune's list from the merit register, deliveries, totals per unit.
        var pg = app.MapGroup("/api/president-gifts").RequireAuthorization().WithTags("President's gifts");
        pg.MapGet("", async (string? communeCode, int? year, PresidentGiftLists s, CancellationToken ct) => await s.ListAsync(communeCode, year, ct));
        pg.MapPost("", async (GiftListRequest r, PresidentGiftLists s, CancellationToken ct) =>
        {
            var list = await s.ComputeAsync(r, ct);
            return TypedResults.Created($"/api/president-gifts/{list.Id}", list);
        });
        pg.MapGet("/{id:guid}", async (Guid id, PresidentGiftLists s, CancellationToken ct) =>
        {
            var (list, lines) = await s.GetAsync(id, ct);
            return new { list, lines };
        });
        pg.MapPost("/{id:guid}/deliveries", async (Guid id, DeliveryRequest r, PresidentGiftLists s, CancellationToken ct) => await s.DeliverAsync(id, r, ct));
        pg.MapGet("/{id:guid}/list.xlsx", async (Guid id, PresidentGiftLists s, HttpContext http, CancellationToken ct) =>
        {
            http.Response.ContentType = PayrollDocuments.XlsxType;
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"qua-chu-tich-nuoc-{id:N}.xlsx\"";
            await s.XlsxAsync(http.Response.Body, id, ct);
        });
        pg.MapGet("/totals", async (string? unitCode, string? occasion, int? year, PresidentGiftLists s, CancellationToken ct) => await s.TotalsAsync(unitCode, occasion, year, ct));

        // Emergency relief: an event over communes, the affected households, the chairperson's decision within 2 days.
        var rl = app.MapGroup("/api/relief").RequireAuthorization().WithTags("Emergency relief");
        rl.MapGet("/events", async (EmergencyRelief s, CancellationToken ct) => await s.ListAsync(ct));
        rl.MapPost("/events", async (ReliefEventRequest r, EmergencyRelief s, CancellationToken ct) =>
        {
            var e = await s.CreateEventAsync(r, ct);
            return TypedResults.Created($"/api/relief/events/{e.Id}", e);
        });
        rl.MapGet("/events/{id:guid}", async (Guid id, EmergencyRelief s, CancellationToken ct) =>
        {
            var (e, cases) = await s.GetAsync(id, ct);
            return new { @event = e, cases };
        });
        rl.MapPost("/events/{id:guid}/cases", async (Guid id, ReliefCaseRequest r, EmergencyRelief s, CancellationToken ct) =>
        {
            var c = await s.ProposeAsync(id, r, ct);
            return TypedResults.Created($"/api/relief/cases/{c.Id}", c);
        });
        rl.MapPost("/cases/{id:guid}/decision", async (Guid id, ReliefDecisionRequest r, EmergencyRelief s, CancellationToken ct) => await s.DecideAsync(id, r, ct));
        // The fund board pays the decided cash from a fund: one spending entry (category relief) tied to each case.
        rl.MapPost("/events/{id:guid}/fund-payments", async (Guid id, ReliefFundPaymentRequest r, EmergencyRelief s, CancellationToken ct) =>
        {
            var p = await s.PayFromFundAsync(id, r, ct);
            return TypedResults.Created($"/api/funds/{p.FundId}/entries/{p.EntryId}", p);
        });

        // The dossier of Decree 20/2021, Art. 8: filed, reviewed, posted (no HIV), complaints, decided.
        g.MapGet("/dossiers", async (string? communeCode, AssistanceDossiers s, CancellationToken ct) => await s.ListAsync(communeCode, ct));
        g.MapPost("/dossiers", async (DossierRequest r, AssistanceDossiers s, CancellationToken ct) =>
        {
            var d = await s.FileAsync(r, ct);
            return TypedResults.Created($"/api/benefits/dossiers/{d.Id}", d);
        });
        g.MapGet("/dossiers/posted", async (string? communeCode, AssistanceDossiers s, CancellationToken ct) => await s.PostedAsync(communeCode, ct));
        g.MapGet("/dossiers/{id:guid}", async (Guid id, AssistanceDossiers s, CancellationToken ct) => await s.GetAsync(id, ct));
        g.MapPost("/dossiers/{id:guid}/review", async (Guid id, DossierReviewRequest r, AssistanceDossiers s, CancellationToken ct) => await s.ReviewAsync(id, r, ct));
        g.MapPost("/dossiers/{id:guid}/posting", async (Guid id, DossierPostingRequest r, AssistanceDossiers s, CancellationToken ct) => await s.PostAsync(id, r, ct));
        g.MapPost("/dossiers/{id:guid}/complaints", async (Guid id, DossierComplaintRequest r, AssistanceDossiers s, CancellationToken ct) => await s.ComplainAsync(id, r, ct));
        g.MapPost("/dossiers/{id:guid}/complaints/{complaintId:long}/answer", async (Guid id, long complaintId, DossierAnswerRequest r, AssistanceDossiers s, CancellationToken ct) =>
            await s.AnswerAsync(id, complaintId, r, ct));
        g.MapPost("/dossiers/{id:guid}/decision", async (Guid id, DossierDecisionRequest r, AssistanceDossiers s, CancellationToken ct) => await s.DecideAsync(id, r, ct));

        g.MapPost("/merit/quote", async (MeritQuoteRequest r, BenefitParameters p, CancellationToken ct) => View(await p.QuoteMeritAsync(r, ct)));
    }

    public sealed record ProvincePayrollRequest(string? ProvinceCode, string? Month);

    public static async Task<BackgroundJob> StartProvinceAsync(ProvincePayrollRequest r, AnSinhDbContext db, ScopeResolver scopes, JobQueue queue, CancellationToken ct)
    {
        await PayrollJob.CheckAsync(db, scopes, r.ProvinceCode, r.Month, ct);
        var province = r.ProvinceCode!.Trim();
        var job = await JobStore.CreateAsync(db, PayrollJob.JobKind, JsonSerializer.Serialize(new PayrollJob.Payload(province, r.Month!.Trim())), ct);
        queue.Enqueue(job.Id);
        return job;
    }

    private static object View(Quote q) => new
    {
        monthlyAmount = q.MonthlyAmount,
        baseLevel = q.BaseLevel,
        provisional = q.BaseLevelProvisional,
        parts = q.Parts.Select(x => new { clause = x.Clause, coefficient = x.Coefficient, amount = x.Amount, label = x.Label }),
        explanation = q.Explanation,
    };
}
