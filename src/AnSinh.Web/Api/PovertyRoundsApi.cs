using System.Text.Json;
using AnSinh.Platform.Errors;
using AnSinh.Platform.Jobs;
using AnSinh.Platform.Persistence;
using AnSinh.Poverty.Documents;
using AnSinh.Poverty.Rounds;
using AnSinh.Poverty.Statistics;

namespace AnSinh.Web.Api;

/// <summary>The review round's steps, the status history, certificates, lists and rates (issue #3).</summary>
public static class PovertyRoundsApi
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/poverty").RequireAuthorization().WithTags("Poverty review");
        // The round page's upload form (antiforgery token checked): back to the page with the outcome.
        app.MapPost("/poverty/rounds/{id:guid}/meetings/{meetingId:long}/minutes", async (Guid id, long meetingId, IFormFile? file, ReviewRounds s, CancellationToken ct) =>
        {
            try
            {
                if (file is null || file.Length == 0)
                {
                    throw new InputValidationException("file", "Cần chọn tệp biên bản (PDF, JPEG hoặc PNG).");
                }
                await using var content = file.OpenReadStream();
                await s.AttachMinutesAsync(id, meetingId, file.FileName, content, ct);
                return Results.LocalRedirect($"/poverty/rounds/{id}?minutes=ok");
            }
            catch (Exception ex) when (ex is InputValidationException or RuleViolationException)
            {
                var message = ex is InputValidationException v ? string.Join(" ", v.Errors.SelectMany(e => e.Value)) : ex.Message;
                return Results.LocalRedirect($"/poverty/rounds/{id}?minutesError={Uri.EscapeDataString(message)}");
            }
        }).RequireAuthorization().ExcludeFromDescription();
        g.MapGet("/rounds", (string? communeCode, RoundQueries q, CancellationToken ct) => q.ListAsync(communeCode, ct));
        g.MapPost("/rounds", async (OpenRoundRequest r, ReviewRounds s, RoundQueries q, CancellationToken ct) =>
        {
            var round = await s.OpenAsync(r, ct);
            return TypedResults.Created($"/api/poverty/rounds/{round.Id}", await q.SummaryAsync(round, ct));
        });
        g.MapGet("/rounds/{id:guid}", async (Guid id, RoundQueries q, ReviewRounds s, CancellationToken ct) =>
        {
            var files = await s.MinutesListAsync(id, ct);
            return new
            {
                round = await q.GetAsync(id, ct),
                villages = await q.VillagesAsync(id, ct),
                meetings = (await q.MeetingsAsync(id, ct)).Select(m => new
                {
                    m.Id,
                    village = m.VillageName,
                    m.HeldOn,
                    m.Attendees,
                    m.Agreeing,
                    m.Passed,
                    m.Minutes,
                    files = files.Where(f => f.OwnerId == m.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))
                        .Select(f => new { f.Id, f.FileName, f.ContentType, f.Size, f.Sha256, f.UploadedBy, f.UploadedAt }),
                }),
                complaints = (await q.ComplaintsAsync(id, ct)).Select(c => new { c.Id, c.HouseholdId, c.Complainant, c.ReceivedOn, c.DueOn, c.Content, c.Answer, c.AnsweredOn, open = c.IsOpen }),
            };
        });
        g.MapGet("/rounds/{id:guid}/households", async (Guid id, string? village, int? page, int? pageSize, RoundQueries q, CancellationToken ct) =>
        {
            var (items, total) = await q.HouseholdsAsync(id, village, page ?? 1, pageSize ?? 100, ct);
            return new { total, items };
        });
        g.MapPost("/rounds/{id:guid}/requests", async (Guid id, AddRequestsRequest r, ReviewRounds s, CancellationToken ct) =>
        {
            var (added, rejected) = await s.AddRequestsAsync(id, r, ct);
            return new { added, screenedOut = rejected };
        });
        g.MapGet("/rounds/{id:guid}/households/{householdId:guid}/proposals", (Guid id, Guid householdId, decimal? floorArea, DateOnly? date, ReviewRounds s, CancellationToken ct) =>
            s.ProposalsAsync(id, householdId, floorArea, date, ct));
        g.MapPut("/rounds/{id:guid}/households/{householdId:guid}/survey", (Guid id, Guid householdId, SurveyRequest r, ReviewRounds s, CancellationToken ct) =>
            s.SurveyAsync(id, householdId, r, ct));
        g.MapPost("/rounds/{id:guid}/classify", async (Guid id, ReviewRounds s, AnSinhDbContext db, JobQueue queue, CancellationToken ct) =>
        {
            var job = await StartClassifyAsync(id, s, db, queue, ct);
            return TypedResults.Accepted($"/api/jobs/{job.Id}", new { jobId = job.Id });
        });
        g.MapPost("/rounds/{id:guid}/meetings", async (Guid id, MeetingRequest r, ReviewRounds s, CancellationToken ct) =>
        {
            var m = await s.MeetingAsync(id, r, ct);
            return TypedResults.Created($"/api/poverty/rounds/{id}", new { m.Id, village = m.VillageName, m.HeldOn, m.Attendees, m.Agreeing, m.Passed });
        });
        // The signed minutes of a meeting: PDF, JPEG or PNG (multipart "file").
        g.MapPost("/rounds/{id:guid}/meetings/{meetingId:long}/minutes", async (Guid id, long meetingId, IFormFile? file, ReviewRounds s, CancellationToken ct) =>
        {
            if (file is null)
            {
                throw new InputValidationException("file", "Cần tệp biên bản (PDF, JPEG hoặc PNG).");
            }
            await using var content = file.OpenReadStream();
            var a = await s.AttachMinutesAsync(id, meetingId, file.FileName, content, ct);
            return TypedResults.Created($"/api/poverty/rounds/{id}/meetings/{meetingId}/minutes/{a.Id}", a);
        }).DisableAntiforgery();
        g.MapGet("/rounds/{id:guid}/meetings/{meetingId:long}/minutes/{attachmentId:guid}", async (Guid id, long meetingId, Guid attachmentId, ReviewRounds s, CancellationToken ct) =>
        {
            var a = await s.MinutesAsync(id, meetingId, attachmentId, ct);
            return TypedResults.File(a.Content, a.ContentType, a.FileName);
        });
        g.MapPost("/rounds/{id:guid}/posting", async (Guid id, PostingRequest r, ReviewRounds s, RoundQueries q, CancellationToken ct) =>
            await q.SummaryAsync(await s.PostAsync(id, r, ct), ct));
        g.MapGet("/rounds/{id:guid}/posted-list", (Guid id, RoundQueries q, CancellationToken ct) => q.PostedListAsync(id, ct));
        g.MapGet("/rounds/{id:guid}/posted-list.pdf", async (Guid id, PovertyDocuments d, CancellationToken ct) =>
            TypedResults.File(await d.PostedListPdfAsync(id, ct), "application/pdf", "danh-sach-niem-yet.pdf"));
        g.MapPost("/rounds/{id:guid}/complaints", async (Guid id, ComplaintRequest r, ReviewRounds s, CancellationToken ct) =>
        {
            var c = await s.ComplaintAsync(id, r, ct);
            return TypedResults.Created($"/api/poverty/rounds/{id}", new { c.Id, c.DueOn });
        });
        g.MapPost("/rounds/{id:guid}/complaints/{complaintId:long}/answer", async (Guid id, long complaintId, AnswerRequest r, ReviewRounds s, CancellationToken ct) =>
        {
            var c = await s.AnswerAsync(id, complaintId, r, ct);
            return new { c.Id, c.AnsweredOn };
        });
        g.MapPost("/rounds/{id:guid}/decision", async (Guid id, DecideRequest r, ReviewRounds s, RoundQueries q, CancellationToken ct) =>
            await q.SummaryAsync(await s.DecideAsync(id, r, ct), ct));
        g.MapGet("/rounds/{id:guid}/decision-list.pdf", async (Guid id, PovertyDocuments d, CancellationToken ct) =>
            TypedResults.File(await d.DecisionListPdfAsync(id, ct), "application/pdf", "danh-sach-quyet-dinh.pdf"));
        g.MapGet("/rounds/{id:guid}/decision-list.xlsx", async (Guid id, HttpContext http, PovertyDocuments d, CancellationToken ct) =>
        {
            http.Response.ContentType = PovertyDocuments.XlsxType;
            http.Response.Headers.ContentDisposition = "attachment; filename=danh-sach-quyet-dinh.xlsx";
            await d.WriteDecisionListXlsxAsync(id, http.Response.Body, ct);
        });
        g.MapGet("/households/{householdId:guid}/statuses", (Guid householdId, RoundQueries q, CancellationToken ct) => q.HistoryAsync(householdId, ct));
        g.MapGet("/households/{householdId:guid}/certificate.pdf", async (Guid householdId, DateOnly? date, PovertyDocuments d, AnSinhDbContext db, CancellationToken ct) =>
            TypedResults.File(await d.CertificateAsync(householdId, date ?? Platform.AdminUnits.AdminUnitQueries.Today(db), ct), "application/pdf", "giay-chung-nhan.pdf"));
        g.MapGet("/statistics", async (string? unitCode, DateOnly? date, string? map, PovertyStatistics s, AnSinhDbContext db, CancellationToken ct) =>
        {
            var f = await s.ComputeAsync(unitCode, date ?? Platform.AdminUnits.AdminUnitQueries.Today(db), TodayMap(map), ct);
            return new
            {
                unitCode = f.UnitCode,
                unitName = f.UnitName,
                level = f.Level,
                date = f.Date,
                map = f.Map,
                households = f.Households,
                poor = f.Poor,
                nearPoor = f.NearPoor,
                poorRate = f.PoorRate,
                nearPoorRate = f.NearPoorRate,
                rows = f.Rows,
                byGroup = f.ByGroup,
                movements = f.Movements,
            };
        });
        g.MapGet("/statistics.xlsx", async (string? unitCode, DateOnly? date, string? map, HttpContext http, PovertyDocuments d, AnSinhDbContext db, CancellationToken ct) =>
        {
            // Computed before the response starts, so that a bad unit gives a ProblemDetails answer.
            using var buffer = new MemoryStream();
            await d.WriteStatisticsXlsxAsync(unitCode, date ?? Platform.AdminUnits.AdminUnitQueries.Today(db), TodayMap(map), buffer, ct);
            return TypedResults.File(buffer.ToArray(), PovertyDocuments.XlsxType, "ty-le-ho-ngheo.xlsx");
        });
        g.MapGet("/lists", (string? unitCode, DateOnly? date, PovertyStatistics s, AnSinhDbContext db, CancellationToken ct) =>
            s.ListAsync(unitCode, date ?? Platform.AdminUnits.AdminUnitQueries.Today(db), ct));
    }

    public static bool TodayMap(string? map) => map?.Trim().ToLowerInvariant() switch
    {
        null or "" or "then" => false,
        "today" => true,
        _ => throw new InputValidationException("map", "Bản đồ phải là \"then\" (tại ngày thống kê) hoặc \"today\" (hiện hành)."),
    };

    public static async Task<BackgroundJob> StartClassifyAsync(Guid id, ReviewRounds s, AnSinhDbContext db, JobQueue queue, CancellationToken ct)
    {
        var round = await s.LoadAsync(id, ct);
        if (!ReviewRounds.CanRun(db.Actor.Role))
        {
            throw new RuleViolationException("Vai trò của bạn không được thực hiện rà soát hộ nghèo.");
        }
        if (round.IsFrozen)
        {
            throw new RuleViolationException(ReviewRounds.FrozenMessage);
        }
        var job = await JobStore.CreateAsync(db, ClassifyRoundJob.JobKind, JsonSerializer.Serialize(new ClassifyRoundJob.Payload(id)), ct);
        queue.Enqueue(job.Id);
        return job;
    }
}
