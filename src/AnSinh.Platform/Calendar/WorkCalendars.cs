using AnSinh.Platform.Errors;
using AnSinh.Platform.Identity;
using AnSinh.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AnSinh.Platform.Calendar;

public sealed record HolidayInput(DateOnly? Date, string? Kind, string? Name, string? Source, bool Provisional = false);

public sealed record HolidayView(int Id, DateOnly Date, string Kind, string KindName, string Name, string Source, bool Provisional);

public sealed record CalendarYear(int Year, int Rows, int Provisional, int WorkingDays);

/// <summary>
/// The public-holiday calendar: read by every procedure that counts working days, kept by an
/// administrator. Changes are audited (the entity is) and apply to deadlines computed after them;
/// a deadline already written on a record keeps its date.
/// </summary>
public sealed class WorkCalendars(AnSinhDbContext db)
{
    public Task<WorkCalendar> GetAsync(CancellationToken ct = default) => db.WorkCalendarAsync(ct);

    public async Task<IReadOnlyList<HolidayView>> ListAsync(int? year, CancellationToken ct = default)
    {
        var q = db.Set<PublicHoliday>().AsNoTracking();
        if (year is { } y)
        {
            var from = new DateOnly(y, 1, 1);
            var to = new DateOnly(y, 12, 31);
            q = q.Where(h => h.Date >= from && h.Date <= to);
        }
        return (await q.OrderBy(h => h.Date).ToListAsync(ct)).Select(View).ToList();
    }

    /// <summary>The years that have rows, with their working-day count; the page warns of a year without rows.</summary>
    public async Task<IReadOnlyList<CalendarYear>> YearsAsync(CancellationToken ct = default)
    {
        var rows = await db.Set<PublicHoliday>().AsNoTracking().ToListAsync(ct);
        var calendar = new WorkCalendar(rows.Select(r => (r.Date, PublicHoliday.ParseKind(r.Kind) ?? DayKind.Holiday)));
        return rows.GroupBy(r => r.Date.Year).OrderBy(g => g.Key)
            .Select(g => new CalendarYear(g.Key, g.Count(), g.Count(r => r.Provisional), calendar.CountWorkingDays(new DateOnly(g.Key, 1, 1), new DateOnly(g.Key, 12, 31))))
            .ToList();
    }

    public async Task<HolidayView> AddAsync(HolidayInput input, CancellationToken ct = default)
    {
        RequireAdministrator();
        var errors = Check(input);
        if (!errors.Any && await db.Set<PublicHoliday>().AnyAsync(h => h.Date == input.Date!.Value, ct))
        {
            throw new RuleViolationException($"Ngày {input.Date:dd/MM/yyyy} đã có trong lịch nghỉ; sửa hoặc xoá dòng đó trước.");
        }
        errors.ThrowIfAny();
        var row = new PublicHoliday
        {
            Date = input.Date!.Value,
            Kind = PublicHoliday.Code(PublicHoliday.ParseKind(input.Kind)!.Value),
            Name = input.Name!.Trim(),
            Source = input.Source!.Trim(),
            Provisional = input.Provisional,
        };
        db.Add(row);
        await db.SaveChangesAsync(ct);
        return View(row);
    }

    /// <summary>Lifts the provisional mark of a row checked against the Government's notice.</summary>
    public async Task<HolidayView> ConfirmAsync(int id, string? source, CancellationToken ct = default)
    {
        RequireAdministrator();
        var row = await db.Set<PublicHoliday>().FirstOrDefaultAsync(h => h.Id == id, ct) ?? throw new NotFoundException("Không có ngày này trong lịch nghỉ.");
        row.Provisional = false;
        if (!string.IsNullOrWhiteSpace(source))
        {
            row.Source = source.Trim().Length > 400 ? throw new InputValidationException("source", "Căn cứ tối đa 400 ký tự.") : source.Trim();
        }
        await db.SaveChangesAsync(ct);
        return View(row);
    }

    public async Task RemoveAsync(int id, CancellationToken ct = default)
    {
        RequireAdministrator();
        var row = await db.Set<PublicHoliday>().FirstOrDefaultAsync(h => h.Id == id, ct) ?? throw new NotFoundException("Không có ngày này trong lịch nghỉ.");
        db.Remove(row);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Checks a row on its own: a known kind, a day off on a weekday, a worked day on a weekend, a name and its legal text.</summary>
    public static ValidationErrors Check(HolidayInput input)
    {
        var errors = new ValidationErrors();
        var kind = PublicHoliday.ParseKind(input.Kind);
        if (input.Date is null)
        {
            errors.Add("date", "Thiếu ngày.");
        }
        else if (input.Date.Value.Year is < 2000 or > 2100)
        {
            errors.Add("date", "Ngày phải trong khoảng năm 2000 – 2100.");
        }
        if (kind is null)
        {
            errors.Add("kind", "Loại ngày phải là holiday (ngày lễ), compensatory (nghỉ bù), swap_off (nghỉ hoán đổi) hoặc swap_work (làm bù).");
        }
        else if (input.Date is { } d)
        {
            var weekend = d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            if (kind == DayKind.SwapWork && !weekend)
            {
                errors.Add("kind", $"Ngày làm bù phải là thứ Bảy hoặc Chủ nhật ({d:dd/MM/yyyy} là ngày làm việc).");
            }
            if (kind is DayKind.Compensatory or DayKind.SwapOff && weekend)
            {
                errors.Add("kind", $"Ngày nghỉ bù hoặc nghỉ hoán đổi phải là ngày làm việc ({d:dd/MM/yyyy} là ngày nghỉ cuối tuần).");
            }
        }
        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Trim().Length > 200)
        {
            errors.Add("name", "Cần tên ngày nghỉ (tối đa 200 ký tự).");
        }
        if (string.IsNullOrWhiteSpace(input.Source) || input.Source.Trim().Length > 400)
        {
            errors.Add("source", "Cần căn cứ pháp lý (văn bản, điều khoản; tối đa 400 ký tự).");
        }
        return errors;
    }

    private static HolidayView View(PublicHoliday h) =>
        new(h.Id, h.Date, h.Kind, PublicHoliday.VietnameseKind(h.Kind), h.Name, h.Source, h.Provisional);

    private void RequireAdministrator()
    {
        if (db.Actor.Role != Role.Administrator)
        {
            throw new RuleViolationException("Chỉ quản trị hệ thống được sửa lịch nghỉ lễ.");
        }
    }
}

public static class WorkCalendarQueries
{
    /// <summary>The calendar as the rows stand now (a few dozen rows a year: read whole).</summary>
    public static async Task<WorkCalendar> WorkCalendarAsync(this AnSinhDbContext db, CancellationToken ct = default)
    {
        var rows = await db.Set<PublicHoliday>().AsNoTracking().Select(h => new { h.Date, h.Kind }).ToListAsync(ct);
        return new WorkCalendar(rows.Select(r => (r.Date, PublicHoliday.ParseKind(r.Kind) ?? DayKind.Holiday)));
    }
}
