using AnSinh.Platform.Calendar;
using AnSinh.Platform.Errors;
using AnSinh.Platform.Persistence;

namespace AnSinh.Web.Api;

public sealed record ConfirmHolidayRequest(string? Source);

/// <summary>
/// The public-holiday calendar that every working-day deadline uses (posting, complaints, dossier
/// review): read by any signed-in user, kept by an administrator.
/// </summary>
public static class CalendarApi
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/calendar").RequireAuthorization().WithTags("Calendar");
        g.MapGet("/holidays", async (int? year, WorkCalendars calendars, CancellationToken ct) =>
            new { items = await calendars.ListAsync(year, ct), years = await calendars.YearsAsync(ct) });
        g.MapPost("/holidays", async (HolidayInput input, WorkCalendars calendars, CancellationToken ct) =>
        {
            var row = await calendars.AddAsync(input, ct);
            return TypedResults.Created($"/api/calendar/holidays/{row.Id}", row);
        }).RequireAuthorization(Policies.Administrator);
        g.MapPost("/holidays/{id:int}/confirm", async (int id, ConfirmHolidayRequest? r, WorkCalendars calendars, CancellationToken ct) =>
            await calendars.ConfirmAsync(id, r?.Source, ct)).RequireAuthorization(Policies.Administrator);
        g.MapDelete("/holidays/{id:int}", async (int id, WorkCalendars calendars, CancellationToken ct) =>
        {
            await calendars.RemoveAsync(id, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(Policies.Administrator);
        // The last day of a period of working days: what a deadline of the procedures will be.
        g.MapGet("/working-days", async (DateOnly? from, int? days, AnSinhDbContext db, CancellationToken ct) =>
        {
            var errors = new ValidationErrors();
            if (from is null)
            {
                errors.Add("from", "Thiếu ngày bắt đầu (from=YYYY-MM-DD).");
            }
            if (days is null or < 1 or > 365)
            {
                errors.Add("days", "Số ngày làm việc phải từ 1 đến 365.");
            }
            errors.ThrowIfAny();
            var calendar = await db.WorkCalendarAsync(ct);
            var end = calendar.AddWorkingDays(from!.Value, days!.Value);
            return new { from, days, end, holidaysLoaded = calendar.Covers(from.Value.Year) && calendar.Covers(end.Year) };
        });
    }
}
