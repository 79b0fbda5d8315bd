using AnSinh.Poverty.Classification;
using AnSinh.Poverty.Rounds;
using AnSinh.Registry.Households;

namespace AnSinh.Tests.Unit;

public sealed class ReviewRulesTests
{
    [Theory]
    // Friday 19/9/2025 + 3 working days ends on Tuesday 23/9 (Decision 24/2021, posting).
    [InlineData("2025-09-19", 3, "2025-09-23")]
    // A start on Saturday moves to Monday.
    [InlineData("2025-09-20", 3, "2025-09-24")]
    [InlineData("2025-09-22", 1, "2025-09-22")]
    public void Working_days_skip_weekends(string start, int days, string end) =>
        Assert.Equal(DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), WorkCalendarTests.Shipped.AddWorkingDays(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), days));

    [Fact]
    public void A_complaint_is_due_three_working_days_after_it_is_received()
    {
        Assert.Equal(new DateOnly(2025, 9, 25), ReviewRules.ComplaintDue(WorkCalendarTests.Shipped, new DateOnly(2025, 9, 22)));
        // Received Friday 29/8/2025: 1 and 2 September are the National Day holidays, so it is due Friday 5/9.
        Assert.Equal(new DateOnly(2025, 9, 5), ReviewRules.ComplaintDue(WorkCalendarTests.Shipped, new DateOnly(2025, 8, 29)));
    }

    [Theory]
    [InlineData(10, 5, true)]
    [InlineData(10, 4, false)]
    [InlineData(9, 5, true)]
    [InlineData(0, 0, false)]
    public void A_meeting_passes_with_half_agreeing(int attendees, int agreeing, bool passes) =>
        Assert.Equal(passes, ReviewRules.MeetingPasses(attendees, agreeing));

    [Fact]
    public void Start_dates_follow_the_procedure()
    {
        Assert.Null(ReviewRules.CheckStart(RoundKind.Periodic, new DateOnly(2025, 9, 1)));
        Assert.Null(ReviewRules.CheckStart(RoundKind.Periodic, new DateOnly(2025, 12, 14)));
        Assert.NotNull(ReviewRules.CheckStart(RoundKind.Periodic, new DateOnly(2025, 12, 15)));
        Assert.NotNull(ReviewRules.CheckStart(RoundKind.Periodic, new DateOnly(2025, 8, 31)));
        Assert.Null(ReviewRules.CheckStart(RoundKind.Regular, new DateOnly(2025, 3, 15)));
        Assert.NotNull(ReviewRules.CheckStart(RoundKind.Regular, new DateOnly(2025, 3, 14)));
        Assert.Equal(new DateOnly(2025, 3, 30), ReviewRules.DueOn(RoundKind.Regular, new DateOnly(2025, 3, 15)));
        Assert.Equal(new DateOnly(2025, 12, 14), ReviewRules.DueOn(RoundKind.Periodic, new DateOnly(2025, 9, 3)));
    }

    [Theory]
    [InlineData(PovertyClass.NotPoor, PovertyClass.Poor, false, Movement.NewlyPoor)]
    [InlineData(PovertyClass.NearPoor, PovertyClass.Poor, false, Movement.NewlyPoor)]
    [InlineData(PovertyClass.NotPoor, PovertyClass.Poor, true, Movement.FellBackIntoPoverty)]
    [InlineData(PovertyClass.Poor, PovertyClass.Poor, true, Movement.Unchanged)]
    [InlineData(PovertyClass.Poor, PovertyClass.NearPoor, false, Movement.EscapedPoverty)]
    [InlineData(PovertyClass.Poor, PovertyClass.NotPoor, false, Movement.EscapedPoverty)]
    [InlineData(PovertyClass.NearPoor, PovertyClass.AverageLiving, false, Movement.EscapedNearPoverty)]
    [InlineData(PovertyClass.NotPoor, PovertyClass.NearPoor, false, Movement.NewlyNearPoor)]
    [InlineData(PovertyClass.NearPoor, PovertyClass.NearPoor, false, Movement.Unchanged)]
    [InlineData(PovertyClass.NotPoor, PovertyClass.AverageLiving, false, Movement.Unchanged)]
    public void Movements_of_a_round(PovertyClass before, PovertyClass after, bool everPoor, Movement expected) =>
        Assert.Equal(expected, ReviewRules.MovementOf(before, after, everPoor));

    [Theory]
    [InlineData(1, 3, 33.33)]
    [InlineData(2, 3, 66.67)]
    [InlineData(0, 0, 0)]
    [InlineData(334, 10_000, 3.34)]
    public void Rates_are_percent_with_two_decimals(long part, long whole, double expected) =>
        Assert.Equal((decimal)expected, ReviewRules.Rate(part, whole));

    [Fact]
    public void Indicator_masks_round_trip_in_the_order_of_the_standard()
    {
        var indicators = AnSinh.Poverty.Standards.ShippedStandards.Indicators2022.Split(',');
        var mask = ReviewRules.Mask(indicators, ["water", "employment", "information_access"]);
        Assert.Equal(3, System.Numerics.BitOperations.PopCount((uint)mask));
        Assert.Equal(["employment", "water", "information_access"], ReviewRules.Codes(indicators, mask));
    }

    [Fact]
    public void The_register_proposes_floor_area_dependants_and_schooling()
    {
        var date = new DateOnly(2025, 10, 1);
        var indicators = AnSinh.Poverty.Standards.ShippedStandards.Indicators2022.Split(',');
        RegisterProposals.Member M(int year, string? schooling = null, DisabilityLevel d = DisabilityLevel.None) => new(year, 6, 1, d, schooling);
        var family = new[] { M(1980), M(1950), M(2015, "không đi học"), M(2018, "Lớp 2") };
        var proposals = RegisterProposals.For(family, 30m, date, indicators).ToDictionary(p => p.Indicator);
        Assert.True(proposals["housing_area"].Deprived); // 30 m² ÷ 4 = 7.5 m² < 8 m²
        Assert.False(RegisterProposals.For(family, 32m, date, indicators).Single(p => p.Indicator == "housing_area").Deprived);
        Assert.True(proposals["child_schooling"].Deprived);
        Assert.True(proposals["dependants"].Deprived); // 3 of 4 (born 1950, 2015, 2018) is more than half
        Assert.Equal(10, RegisterProposals.AgeOn(M(2015), date));
        Assert.Null(RegisterProposals.For([M(1980)], null, date, indicators).Single(p => p.Indicator == "housing_area").Deprived);
    }
}
