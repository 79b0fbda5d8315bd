using AnSinh.Platform.Errors;
using AnSinh.Programs.Helpers;
using AnSinh.Programs.Housing;
using AnSinh.Programs.Indicators;
using AnSinh.Programs.Records;
using AnSinh.Programs.Reports;
using AnSinh.Programs.Targets;
using Microsoft.AspNetCore.Mvc;

namespace AnSinh.Web.Api;

/// <summary>Programmes and reports (issue #6): targets, indicators, jobs and loans, housing works, helpers, the social-security report, the public portal.</summary>
public static class ProgramsApi
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var t = app.MapGroup("/api/targets").RequireAuthorization().WithTags("Targets");
        t.MapPost("", async (TargetRequest r, Targets s, CancellationToken ct) =>
        {
            var target = await s.SetAsync(r, ct);
            return TypedResults.Created($"/api/targets/{target.Id}/allocation", target);
        });
        t.MapGet("", async (string? unitCode, int? year, Targets s, CancellationToken ct) => await s.ListAsync(unitCode, year, ct));
        t.MapPost("/allocate", async (AllocationRequest r, Targets s, CancellationToken ct) => await s.AllocateAsync(r, ct));
        t.MapGet("/{id:guid}/allocation", async (Guid id, Targets s, CancellationToken ct) => await s.AllocationAsync(id, ct));
        t.MapGet("/progress", async (string? unitCode, int? year, string? indicator, Targets s, CancellationToken ct) => await s.ProgressAsync(unitCode, year, indicator, ct));

        var i = app.MapGroup("/api/indicators").RequireAuthorization().WithTags("Indicators");
        i.MapGet("", async (string? unitCode, int? year, string? indicator, string? period, string? map, Targets s, CancellationToken ct) =>
            await s.IndicatorAsync(unitCode, year, indicator, period, map, ct));
        i.MapGet("/catalogue", () => Catalogue.All);
        i.MapPost("/refresh", async (RefreshRequest r, IndicatorSummaries s, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(r.ProvinceCode) || r.Year is null)
            {
                throw new InputValidationException("provinceCode", "Cần mã tỉnh và năm.");
            }
            var took = await s.RefreshAsync(r.ProvinceCode.Trim(), r.Year.Value, ct);
            return new { r.ProvinceCode, r.Year, seconds = Math.Round(took.TotalSeconds, 3) };
        }).RequireAuthorization(Policies.Administrator);

        // The housing page's upload form (antiforgery token checked): back to the page with the outcome.
        app.MapPost("/programs/housing/{id:guid}/attachments", async (Guid id, IFormFile? file, [FromForm] string? kind, HousingWorks s, CancellationToken ct) =>
        {
            try
            {
                if (file is null || file.Length == 0)
                {
                    throw new InputValidationException("file", "Cần chọn tệp (ảnh JPEG/PNG hoặc biên bản PDF).");
                }
                await using var content = file.OpenReadStream();
                await s.AttachAsync(id, kind, file.FileName, content, ct);
                return Results.LocalRedirect($"/programs/housing/{id}");
            }
            catch (Exception ex) when (ex is InputValidationException or RuleViolationException)
            {
                var message = ex is InputValidationException v ? string.Join(" ", v.Errors.SelectMany(e => e.Value)) : ex.Message;
                return Results.LocalRedirect($"/programs/housing/{id}?fileError={Uri.EscapeDataString(message)}");
            }
        }).RequireAuthorization().ExcludeFromDescription();

        var p = app.MapGroup("/api/programs").RequireAuthorization().WithTags("Programmes");
        p.MapPost("/jobs", async (JobRequest r, ProgramRecords s, CancellationToken ct) =>
        {
            var record = await s.AddJobAsync(r, ct);
            return TypedResults.Created($"/api/programs/records?communeCode={record.CommuneCode}", record);
        });
        p.MapPost("/loans", async (LoanRequest r, ProgramRecords s, CancellationToken ct) =>
        {
            var record = await s.AddLoanAsync(r, ct);
            return TypedResults.Created($"/api/programs/records?communeCode={record.CommuneCode}", record);
        });
        p.MapGet("/records", async (string? communeCode, int? year, string? kind, ProgramRecords s, CancellationToken ct) => await s.ListAsync(communeCode, year, kind, ct));
        p.MapGet("/loan-programmes", () => ProgramRules.LoanProgrammes.Select(x => new { code = x.Code, name = x.Name }));

        p.MapGet("/housing", async (string? unitCode, string? programme, HousingWorks s, CancellationToken ct) => await s.ListAsync(unitCode, programme, ct));
        p.MapPost("/housing", async (HousingRequest r, HousingWorks s, CancellationToken ct) =>
        {
            var w = await s.CreateAsync(r, ct);
            return TypedResults.Created($"/api/programs/housing/{w.Id}", w);
        });
        p.MapGet("/housing/progress", async (string? unitCode, int? year, HousingWorks s, CancellationToken ct) => await s.ProgressAsync(unitCode, year, ct));
        p.MapGet("/housing/{id:guid}", async (Guid id, HousingWorks s, CancellationToken ct) => await s.GetAsync(id, ct));
        p.MapPost("/housing/{id:guid}/stage", async (Guid id, StageRequest r, HousingWorks s, CancellationToken ct) => await s.StepAsync(id, r, ct));
        p.MapPost("/housing/{id:guid}/funding", async (Guid id, FundingRequest r, HousingWorks s, CancellationToken ct) => await s.AddFundingAsync(id, r, ct));
        p.MapPost("/housing/{id:guid}/visits", async (Guid id, VisitRequest r, HousingWorks s, CancellationToken ct) => await s.AddVisitAsync(id, r, ct));
        p.MapPost("/housing/{id:guid}/attachments", async (Guid id, IFormFile? file, [FromForm] string? kind, HousingWorks s, CancellationToken ct) =>
        {
            if (file is null)
            {
                throw new InputValidationException("file", "Cần tệp (trường \"file\").");
            }
            await using var stream = file.OpenReadStream();
            var info = await s.AttachAsync(id, kind, file.FileName, stream, ct);
            return TypedResults.Created($"/api/programs/housing/{id}/attachments/{info.Id}", info);
        }).DisableAntiforgery();
        p.MapGet("/housing/{id:guid}/attachments/{attachmentId:guid}", async (Guid id, Guid attachmentId, HousingWorks s, CancellationToken ct) =>
        {
            var a = await s.AttachmentAsync(id, attachmentId, ct);
            return TypedResults.File(a.Content, a.ContentType, a.FileName);
        });

        p.MapGet("/helpers", async (string? communeCode, HelperAssignments s, CancellationToken ct) => await s.ListAsync(communeCode, ct));
        p.MapPost("/helpers", async (HelperRequest r, HelperAssignments s, CancellationToken ct) =>
        {
            var a = await s.AssignAsync(r, ct);
            return TypedResults.Created($"/api/programs/helpers/{a.Id}", a);
        });
        p.MapGet("/helpers/{id:guid}", async (Guid id, HelperAssignments s, CancellationToken ct) => await s.GetAsync(id, ct));
        p.MapPost("/helpers/{id:guid}/activities", async (Guid id, ActivityRequest r, HelperAssignments s, CancellationToken ct) => await s.RecordAsync(id, r, ct));

        var rp = app.MapGroup("/api/reports").RequireAuthorization().WithTags("Reports");
        rp.MapGet("/social", async (string? unitCode, int? year, string? period, string? map, SocialReports s, CancellationToken ct) => await s.BuildAsync(unitCode, year, period, map, ct));
        rp.MapGet("/social.xlsx", async (string? unitCode, int? year, string? period, string? map, SocialReports s, HttpContext http, CancellationToken ct) =>
        {
            var report = await s.BuildAsync(unitCode, year, period, map, ct);
            http.Response.ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"bao-cao-an-sinh-{report.UnitCode}-{report.Year}-{report.Period}.xlsx\"";
            await s.XlsxAsync(http.Response.Body, report, ct);
        });
        rp.MapGet("/social.pdf", async (string? unitCode, int? year, string? period, string? map, SocialReports s, CancellationToken ct) =>
        {
            var report = await s.BuildAsync(unitCode, year, period, map, ct);
            return TypedResults.File(SocialReports.Pdf(report), "application/pdf", $"bao-cao-an-sinh-{report.UnitCode}-{report.Year}-{report.Period}.pdf");
        });
        rp.MapPost("/social/approve", async (ApproveRequest r, SocialReports s, CancellationToken ct) => await s.ApproveAsync(r, ct));

        var pub = app.MapGroup("/api/public").AllowAnonymous().WithTags("Public portal");
        pub.MapGet("/figures", async (string? unitCode, int? year, PublicFigures s, CancellationToken ct) => await s.UnitAsync(unitCode, year, ct));
        pub.MapGet("/posted-lists", async (string? unitCode, PublicFigures s, CancellationToken ct) => await s.PostedListsAsync(unitCode, ct));
    }

    public sealed record RefreshRequest(string? ProvinceCode, int? Year);
}
