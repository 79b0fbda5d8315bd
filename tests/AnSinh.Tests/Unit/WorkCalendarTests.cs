using AnSinh.Platform.Calendar;
using AnSinh.Poverty.Rounds;

namespace AnSinh.Tests.Unit;

/// <summary>Working days under the public-holiday calendar (Labour Code 2019 Art. 112 and the yearly notices).</summary>
public sealed class WorkCalendarTests
{
    public static WorkCalendar Shipped { get; } = new(ShippedHolidays.All.Select(h => (h.Date, PublicHoliday.ParseKind(h.Kind)!.Value)));

    [Fact]
    public void Posting_that_starts_before_Tet_2026_ends_after_it()
    {
        // Posted Friday 13/2/2026 for 3 working days (Decision 24/2021): Tết Bính Ngọ is 14–22/2,
        // so the second and third days are Monday 23/2 and Tuesday 24/2.
        Assert.Equal(new DateOnly(2026, 2, 24), Shipped.AddWorkingDays(new DateOnly(2026, 2, 13), ReviewRules.PostingWorkingDays));
        Assert.Equal(new DateOnly(2026, 2, 17), WorkCalendar.WeekendsOnly.AddWorkingDays(new DateOnly(2026, 2, 13), ReviewRules.PostingWorkingDays));
    }

    [Fact]
    public void A_swapped_Saturday_is_a_working_day_and_the_swapped_Friday_is_not()
    {
        // 2025: Friday 2/5 given off, Saturday 26/4 worked.
        Assert.True(Shipped.IsWorkingDay(new DateOnly(2025, 4, 26)));
        Assert.False(Shipped.IsWorkingDay(new DateOnly(2025, 5, 2)));
        Assert.False(Shipped.IsWorkingDay(new DateOnly(2025, 4, 30)));
        Assert.True(Shipped.IsWorkingDay(new DateOnly(2025, 5, 5)));
        // Posting from Friday 25/4/2025 for 3 days: 25/4, Saturday 26/4 (worked), Monday 28/4.
        Assert.Equal(new DateOnly(2025, 4, 28), Shipped.AddWorkingDays(new DateOnly(2025, 4, 25), 3));
    }

    [Fact]
    public void A_holiday_on_Sunday_gives_the_Monday_off()
    {
        Assert.False(Shipped.IsWorkingDay(new DateOnly(2026, 4, 27)));
        Assert.Equal(new DateOnly(2026, 4, 28), Shipped.AddWorkingDays(new DateOnly(2026, 4, 25), 1));
    }

    [Fact]
    public void Working_days_of_2025_are_the_weekdays_less_the_days_off_plus_the_days_worked()
    {
        // 261 weekdays in 2025, less 11 holiday weekdays (1/1, five of Tết, 7/4, 30/4, 1/5, 1/9, 2/9) and the
        // swapped Friday 2/5, plus the Saturday 26/4 worked.
        Assert.Equal(261, WorkCalendar.WeekendsOnly.CountWorkingDays(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31)));
        Assert.Equal(261 - 11 - 1 + 1, Shipped.CountWorkingDays(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31)));
        Assert.True(Shipped.Covers(2025));
        Assert.False(Shipped.Covers(2030));
    }

    [Fact]
    public void Every_shipped_row_is_valid_and_names_its_legal_text()
    {
        var rows = ShippedHolidays.All;
        Assert.All(rows, h => Assert.False(WorkCalendars.Check(new HolidayInput(h.Date, h.Kind, h.Name, h.Source)).Any, $"{h.Date} {h.Kind}"));
        Assert.All(rows, h => Assert.Contains(h.Kind == "swap_off" || h.Kind == "swap_work" ? "hoán đổi" : "Điều 112", h.Source, StringComparison.Ordinal));
        Assert.Equal(rows.Count, rows.Select(h => h.Date).Distinct().Count());
    }

    [Theory]
    [InlineData("2026-05-02", "swap_off", "kind")]
    [InlineData("2026-05-04", "swap_work", "kind")]
    [InlineData("2026-05-04", "weekday", "kind")]
    [InlineData(null, "holiday", "date")]
    public void A_bad_row_is_refused(string? date, string kind, string field)
    {
        var errors = WorkCalendars.Check(new HolidayInput(date is null ? null : DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), kind, "Ngày nghỉ", "Bộ luật Lao động 2019, Điều 112"));
        Assert.True(errors.ToDictionary().ContainsKey(field));
    }
}
