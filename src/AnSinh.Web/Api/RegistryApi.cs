using System.Text.Json;
using AnSinh.Platform.Errors;
using AnSinh.Platform.Excel;
using AnSinh.Platform.Jobs;
using AnSinh.Platform.Persistence;
using AnSinh.Registry.Households;
using AnSinh.Registry.Import;
using AnSinh.Registry.Persons;
using AnSinh.Registry.Rehoming;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace AnSinh.Web.Api;

public sealed record AssignRehomingRequest(Guid? HouseholdId, string? OldCommuneCode, string? Village, string? NewCommuneCode);

internal static class RegistryApi
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var h = app.MapGroup("/api/households").RequireAuthorization().WithTags("Households");
        h.MapPost("", async (RegisterHouseholdRequest r, HouseholdService s, CancellationToken ct) =>
        {
            var created = await s.RegisterAsync(r, ct);
            return TypedResults.Created($"/api/households/{created.Id}", created);
        });
        h.MapGet("", (string? q, string? communeCode, string? village, int? page, int? pageSize, string? sort, string? dir, HouseholdService s, CancellationToken ct) =>
            s.ListAsync(new HouseholdFilter { Q = q, CommuneCode = communeCode, Village = village, Page = page ?? 1, PageSize = pageSize ?? 50, Sort = sort, Dir = dir }, ct));
        h.MapGet("/search", (string? communeCode, string? q, HouseholdService s, CancellationToken ct) => s.SearchAsync(communeCode, q, ct));
        h.MapGet("/{id:guid}", (Guid id, DateOnly? asOf, HouseholdService s, CancellationToken ct) => s.GetAsync(id, asOf, ct));
        h.MapPut("/{id:guid}", async (Guid id, UpdateHouseholdRequest r, HouseholdService s, CancellationToken ct) =>
        {
            await s.UpdateAsync(id, r, ct);
            return TypedResults.NoContent();
        });
        h.MapPost("/{id:guid}/members", async (Guid id, AddMemberRequest r, HouseholdService s, CancellationToken ct) =>
        {
            var personId = await s.AddMemberAsync(id, r, ct);
            return TypedResults.Created($"/api/persons/{personId}", new { id = personId });
        });
        h.MapPost("/{id:guid}/split", async (Guid id, SplitHouseholdRequest r, HouseholdService s, CancellationToken ct) =>
        {
            var created = await s.SplitAsync(id, r, ct);
            return TypedResults.Created($"/api/households/{created.Id}", created);
        });
        h.MapPost("/{id:guid}/head", async (Guid id, ChangeHeadRequest r, HouseholdService s, CancellationToken ct) =>
        {
            await s.ChangeHeadAsync(id, r, ct);
            return TypedResults.NoContent();
        });
        h.MapGet("/export.xlsx", async (string? q, string? communeCode, string? village, string? sort, string? dir, HttpContext http, RegistryExport export, CancellationToken ct) =>
        {
            var filter = new HouseholdFilter { Q = q, CommuneCode = communeCode, Village = village, Sort = sort, Dir = dir };
            ListSort.Parse(sort, dir, ListSort.Households);
            http.Response.ContentType = RegistryExport.ContentType;
            http.Response.Headers.ContentDisposition = "attachment; filename=\"ho-gia-dinh.xlsx\"";
            await export.HouseholdsAsync(filter, http.Response.Body, ct);
        });

        var p = app.MapGroup("/api/persons").RequireAuthorization().WithTags("Persons");
        p.MapGet("", ([AsParameters] PersonQuery f, PersonSearch s, CancellationToken ct) => s.SearchAsync(f.ToFilter(), ct));
        p.MapGet("/{id:guid}", async (Guid id, PersonSearch s, HouseholdService hs, CancellationToken ct) =>
        {
            var (member, householdId) = await s.GetAsync(id, hs, ct);
            return new { member, householdId };
        });
        p.MapPut("/{id:guid}", async (Guid id, UpdateMemberRequest r, HouseholdService s, CancellationToken ct) =>
        {
            await s.UpdateMemberAsync(id, r, ct);
            return TypedResults.NoContent();
        });
        p.MapPost("/{id:guid}/death", async (Guid id, PersonEventRequest r, HouseholdService s, CancellationToken ct) =>
        {
            await s.RecordDeathAsync(id, r, ct);
            return TypedResults.NoContent();
        });
        p.MapPost("/{id:guid}/move-out", async (Guid id, PersonEventRequest r, HouseholdService s, CancellationToken ct) =>
        {
            await s.MoveOutAsync(id, r, ct);
            return TypedResults.NoContent();
        });
        p.MapGet("/export.xlsx", async ([AsParameters] PersonQuery f, HttpContext http, RegistryExport export, CancellationToken ct) =>
        {
            http.Response.ContentType = RegistryExport.ContentType;
            http.Response.Headers.ContentDisposition = "attachment; filename=\"nhan-khau.xlsx\"";
            await export.PersonsAsync(f.ToFilter(), http.Response.Body, ct);
        });

        var i = app.MapGroup("/api/import").RequireAuthorization().WithTags("Import");
        i.MapGet("/template.xlsx", () =>
        {
            var ms = new MemoryStream();
            ImportTemplate.Write(ms);
            return TypedResults.File(ms.ToArray(), RegistryExport.ContentType, "mau-nhap-ho-gia-dinh.xlsx");
        }).AllowAnonymous();
        i.MapPost("/households", async (IFormFile? file, [FromForm] string? mode, AnSinhDbContext db, JobQueue queue, CancellationToken ct) =>
        {
            var job = await StartImportAsync(file, mode, db, queue, ct);
            return TypedResults.Accepted($"/api/jobs/{job.Id}", new { jobId = job.Id });
        }).DisableAntiforgery();

        app.MapGet("/api/jobs/{id:guid}", async (Guid id, AnSinhDbContext db, JobProgressBoard board, CancellationToken ct) =>
        {
            var job = await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, ct);
            if (job is null || (job.CreatedById != db.Actor.UserId && db.Actor.Role != Platform.Identity.Role.Administrator))
            {
                throw new NotFoundException("Không tìm thấy tác vụ.");
            }
            board.Overlay(job);
            return new
            {
                job.Id,
                job.Kind,
                status = job.Status.ToString().ToLowerInvariant(),
                job.Done,
                job.Total,
                job.Percent,
                job.Message,
                result = job.Result is null ? (JsonElement?)null : JsonSerializer.Deserialize<JsonElement>(job.Result),
            };
        }).RequireAuthorization().WithTags("Jobs");

        var r = app.MapGroup("/api/rehoming").RequireAuthorization().WithTags("Re-homing");
        r.MapPost("/auto", (RehomingService s, CancellationToken ct) => s.RehomeAutomaticAsync(ct));
        r.MapGet("/worklist", (RehomingService s, CancellationToken ct) => s.WorklistAsync(ct));
        r.MapPost("/assign", async (AssignRehomingRequest a, RehomingService s, CancellationToken ct) =>
            new { moved = await s.AssignAsync(a.HouseholdId, a.OldCommuneCode, a.Village, a.NewCommuneCode ?? "", ct) });
    }

    public static async Task<BackgroundJob> StartImportAsync(IFormFile? file, string? mode, AnSinhDbContext db, JobQueue queue, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            throw new InputValidationException("file", "Chưa chọn tệp hoặc tệp rỗng.");
        }
        if (!Platform.Identity.Roles.CanEditRegister(db.Actor.Role))
        {
            throw new RuleViolationException("Vai trò của bạn không được nhập sổ hộ.");
        }
        var importMode = (mode ?? "all_or_nothing").Trim().ToLowerInvariant() switch
        {
            "validate" or "validate_only" => ImportMode.ValidateOnly,
            "valid_only" or "valid" => ImportMode.ValidOnly,
            "all_or_nothing" or "all" => ImportMode.AllOrNothing,
            _ => throw new InputValidationException("mode", "Chế độ nhập phải là validate, all_or_nothing hoặc valid_only."),
        };
        var dir = Path.Combine(Path.GetTempPath(), "ansinh-uploads");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, Guid.NewGuid().ToString("N") + ".xlsx");
        await using (var target = File.Create(path))
        {
            await file.CopyToAsync(target, ct);
        }
        XlsxCheck.RefuseUnreadable(path);
        var payload = JsonSerializer.Serialize(new HouseholdImportJob.Payload(path, importMode, file.FileName));
        var job = await JobStore.CreateAsync(db, HouseholdImportJob.JobKind, payload, ct);
        queue.Enqueue(job.Id);
        return job;
    }
}

internal sealed record PersonQuery(string? Q, string? CommuneCode, string? Village, string? Status, string? Sex, int? MinAge, int? MaxAge, int? Page, int? PageSize, string? Sort, string? Dir)
{
    public PersonFilter ToFilter() => new()
    {
        Q = Q,
        CommuneCode = CommuneCode,
        Village = Village,
        Status = Status,
        Sex = Sex,
        MinAge = MinAge,
        MaxAge = MaxAge,
        Page = Page ?? 1,
        PageSize = PageSize ?? 50,
        Sort = Sort,
        Dir = Dir,
    };
}
