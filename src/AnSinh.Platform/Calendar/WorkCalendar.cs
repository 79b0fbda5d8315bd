namespace AnSinh.Platform.Calendar;

/// <summary>What a row of the public-holiday calendar does to a day.</summary>
public enum DayKind
{
    /// <summary>A public holiday of Labour Code 2019 Art. 112(1): no work that day.</summary>
    Holiday,

    /// <summary>A day off in lieu of a holiday that fell on a weekly rest day (Labour Code 2019 Art. 112(3)).</summary>
    Compensatory,

    /// <summary>A working day given off by a swap the Government announced for civil servants.</summary>
    SwapOff,

    /// <summary>A Saturday or Sunday worked in return for a swapped day off.</summary>
    SwapWork,
}

/// <summary>
/// Working days as the procedures count them (posting, complaints, dossier review): Monday to
/// Friday, less public holidays, compensatory and swapped days off, plus weekend days worked in a
/// swap. A pure value built from the rows of <c>public_holidays</c>; <see cref="WeekendsOnly"/>
/// is the calendar with no rows loaded.
/// </summary>
public sealed class WorkCalendar
{
    private readonly HashSet<DateOnly> _off;
    private readonly HashSet<DateOnly> _worked;
    private readonly HashSet<int> _years;

    public WorkCalendar(IEnumerable<(DateOnly Date, DayKind Kind)> days)
    {
        _off = [];
        _worked = [];
        _years = [];
        foreach (var (date, kind) in days)
        {
            _years.Add(date.Year);
            if (kind == DayKind.SwapWork)
            {
                _worked.Add(date);
            }
            else
            {
                _off.Add(date);
            }
        }
    }

    public static WorkCalendar WeekendsOnly { get; } = new([]);

    /// <summary>Whether any row of a year is loaded; a year without rows counts weekends only.</summary>
    public bool Covers(int year) => _years.Contains(year);

    public bool IsWorkingDay(DateOnly d) =>
        _worked.Contains(d) || (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_off.Contains(d));

    /// <summary>
    /// The last day of a period of <paramref name="days"/> working days whose first day is the
    /// first working day on or after <paramref name="start"/> (a period of 1 day ends on that day).
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        var d = start;
        while (!IsWorkingDay(d))
        {
            d = d.AddDays(1);
        }
        for (var counted = 1; counted < days;)
        {
            d = d.AddDays(1);
            if (IsWorkingDay(d))
            {
                counted++;
            }
        }
        return d;
    }

    /// <summary>Working days from <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    public int CountWorkingDays(DateOnly from, DateOnly to)
    {
        var n = 0;
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            if (IsWorkingDay(d))
            {
                n++;
            }
        }
        return n;
    }
}
