using AnSinh.Platform.AdminUnits;
using AnSinh.Platform.Errors;
using AnSinh.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AnSinh.Platform.Reporting;

/// <summary>The last day of a locked period of a unit, and why it is locked.</summary>
public sealed record PeriodLock(DateOnly Through, string Reason);

/// <summary>
/// An approved six-month or annual report locks its period: no module writes a record of a unit
/// it covers dated in that period. The reports module answers (it keeps the approvals); every
/// module that writes dated records asks before writing.
/// </summary>
public interface IPeriodLock
{
    /// <summary>The latest locked period of the year that covers the unit, or null.</summary>
    Task<PeriodLock?> LockedAsync(AdminUnit unit, int year, CancellationToken ct);
}

public static class PeriodLockChecks
{
    /// <summary>Refuses (409) a record of the unit dated in a locked period.</summary>
    public static async Task EnsureOpenAsync(this IPeriodLock locks, AdminUnit unit, DateOnly date, CancellationToken ct) =>
        (await locks.LockedAsync(unit, date.Year, ct)).EnsureOpen(date);

    /// <summary>Refuses (409) a date on or before the end of the lock, if any.</summary>
    public static void EnsureOpen(this PeriodLock? l, DateOnly date)
    {
        if (l is not null && date <= l.Through)
        {
            throw new RuleViolationException($"{l.Reason} Không ghi thêm hoặc sửa số liệu ngày {date:dd/MM/yyyy}.");
        }
    }

    public static async Task EnsureOpenAsync(this IPeriodLock locks, AnSinhDbContext db, int unitId, DateOnly date, CancellationToken ct)
    {
        var unit = await db.AdminUnits.AsNoTracking().FirstAsync(u => u.Id == unitId, ct);
        await locks.EnsureOpenAsync(unit, date, ct);
    }
}
