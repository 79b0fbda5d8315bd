using AnSinh.Benefits.Dossiers;
using AnSinh.Benefits.Parameters;

namespace AnSinh.Tests.Unit;

/// <summary>The dossier procedure (Decree 20/2021, Art. 8): deadlines in working days, the masked category, the first month paid.</summary>
public sealed class DossierRulesTests
{
    [Fact]
    public void The_deadlines_are_dated_data_in_working_days()
    {
        var rows = ShippedParameters.Coefficients;
        var on = new DateOnly(2026, 10, 5);
        Assert.Equal(7, DossierRules.Days(rows, "dossier_review_days", on));
        Assert.Equal(2, DossierRules.Days(rows, "dossier_posting_days", on));
        Assert.Equal(10, DossierRules.Days(rows, "dossier_complaint_days", on));
        Assert.Null(DossierRules.Days(rows, "dossier_review_days", new DateOnly(2020, 1, 1)));
    }

    [Fact]
    public void Working_days_skip_the_weekend()
    {
        // Friday 9 October 2026 + 2 working days ends on Monday 12 October; a Saturday start counts from Monday.
        var calendar = WorkCalendarTests.Shipped;
        Assert.Equal(new DateOnly(2026, 10, 12), calendar.AddWorkingDays(new DateOnly(2026, 10, 9), 2));
        Assert.Equal(new DateOnly(2026, 10, 13), calendar.AddWorkingDays(new DateOnly(2026, 10, 10), 2));
        Assert.Equal(new DateOnly(2026, 10, 14), calendar.AddWorkingDays(new DateOnly(2026, 10, 6), 7));
    }

    [Fact]
    public void A_review_filed_before_the_Hung_Kings_and_30_April_holidays_runs_past_them()
    {
        // Filed Friday 24/4/2026: the 7 working days start on Tuesday 28/4 (27/4 is the compensatory
        // day for the Hung Kings' day, a Sunday), skip 30/4 and 1/5 and the weekend, and end on Friday 8/5.
        var rows = ShippedParameters.Coefficients;
        var filed = new DateOnly(2026, 4, 24);
        Assert.Equal(new DateOnly(2026, 5, 8), WorkCalendarTests.Shipped.AddWorkingDays(filed.AddDays(1), DossierRules.Days(rows, "dossier_review_days", filed)!.Value));
        // Without the holidays the same review would wrongly end on Tuesday 5/5.
        Assert.Equal(new DateOnly(2026, 5, 5), AnSinh.Platform.Calendar.WorkCalendar.WeekendsOnly.AddWorkingDays(filed.AddDays(1), 7));
    }

    [Theory]
    [InlineData("5.8", false)]
    [InlineData("5.3", false)]
    [InlineData("5.6", true)]
    [InlineData("5.5a", true)]
    public void An_hiv_clause_is_never_named_on_the_posted_list(string clause, bool named)
    {
        var category = DossierRules.PostedCategory("social_assistance", clause, hiv: false);
        Assert.Equal(named, category.Contains(clause, StringComparison.Ordinal));
        Assert.DoesNotContain("5.6", DossierRules.PostedCategory("social_assistance", "5.6", hiv: true), StringComparison.Ordinal);
    }

    [Fact]
    public void Age_and_disability_entitlements_start_from_the_month_met_others_from_the_decision()
    {
        var filed = new DateOnly(2026, 7, 20);
        var decided = new DateOnly(2026, 10, 2);
        Assert.Equal(new DateOnly(2026, 10, 1), DossierRules.EntitledFrom("5.5a", filed, null, decided, _ => true));
        Assert.Equal(new DateOnly(2026, 7, 1), DossierRules.EntitledFrom("5.5c", filed, null, decided, _ => true));
        // Turning 80 in September: paid from September.
        Assert.Equal(new DateOnly(2026, 9, 1), DossierRules.EntitledFrom("5.5c", filed, null, decided, m => m >= new DateOnly(2026, 9, 1)));
        Assert.Equal(new DateOnly(2026, 8, 1), DossierRules.EntitledFrom("5.6", filed, new DateOnly(2026, 8, 15), decided, _ => true));
        Assert.Equal(new DateOnly(2026, 7, 1), DossierRules.EntitledFrom("5.6", filed, new DateOnly(2025, 1, 15), decided, _ => true));
    }
}
