using AnSinh.Programs.Housing;
using AnSinh.Programs.Indicators;
using AnSinh.Programs.Records;
using AnSinh.Programs.Reports;
using AnSinh.Programs.Targets;

namespace AnSinh.Tests.Unit;

public sealed class ProgramRulesTests
{
    [Theory]
    [InlineData(210, 305, 68.85)] // "210 jobs, 68.85 % of the plan" (seed article)
    [InlineData(4, 2, 200.00)]
    [InlineData(3, 1, 300.00)]
    [InlineData(1, 3, 33.33)]
    [InlineData(2, 3, 66.67)]
    public void Percent_of_plan_has_two_decimals(int actual, int target, decimal expected) =>
        Assert.Equal(expected, TargetRules.PercentOfPlan(target, actual));

    [Fact]
    public void Without_a_target_there_is_no_percent_and_no_gap()
    {
        Assert.Null(TargetRules.PercentOfPlan(null, 5));
        Assert.Null(TargetRules.PercentOfPlan(0, 5));
        Assert.Null(TargetRules.Gap(null, 5));
        Assert.Equal(3, TargetRules.Gap(10, 7));
        Assert.Equal(0, TargetRules.Gap(10, 12));
    }

    [Fact]
    public void A_target_must_be_in_a_plausible_year_and_not_negative()
    {
        Assert.Contains("không được âm", TargetRules.Check(2026, -1, 2026), StringComparison.Ordinal);
        Assert.Contains("Năm", TargetRules.Check(1999, 1, 2026), StringComparison.Ordinal);
        Assert.Contains("Năm", TargetRules.Check(2032, 1, 2026), StringComparison.Ordinal);
        Assert.Null(TargetRules.Check(2031, 0, 2026));
    }

    [Fact]
    public void Housing_stages_go_forward_one_at_a_time_on_dates_in_order()
    {
        var today = new DateOnly(2026, 11, 23);
        var d = new DateOnly(2026, 3, 1);
        Assert.Null(HousingRules.CheckStep(HousingStage.Listed, d, HousingStage.Approved, d, today));
        Assert.Contains("Phải qua bước", HousingRules.CheckStep(HousingStage.Approved, d, HousingStage.HandedOver, d, today), StringComparison.Ordinal);
        Assert.Contains("không thể quay lại", HousingRules.CheckStep(HousingStage.Started, d, HousingStage.Approved, d, today), StringComparison.Ordinal);
        Assert.Contains("trước ngày", HousingRules.CheckStep(HousingStage.Started, d, HousingStage.Completed, d.AddDays(-1), today), StringComparison.Ordinal);
        Assert.Contains("tương lai", HousingRules.CheckStep(HousingStage.Completed, d, HousingStage.HandedOver, today.AddDays(1), today), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "< 5")]
    [InlineData(4, "< 5")]
    [InlineData(5, "5")]
    [InlineData(1234, "1.234")]
    public void The_public_sees_small_counts_as_under_five(long count, string shown) => Assert.Equal(shown, PublicRules.Count(count));

    [Fact]
    public void A_rate_that_would_tell_a_small_count_is_hidden()
    {
        Assert.Equal("—", PublicRules.Rate(3, 100, 3m));
        Assert.Equal("—", PublicRules.Rate(4, 4, 100m));
        Assert.Equal("8,01 %", PublicRules.Rate(801, 10_000, 8.01m));
    }

    [Fact]
    public void Rates_and_the_reduction_are_worked_out_after_adding_units_up()
    {
        // "the poor household rate fell from 8.01 % to 3.34 %" (seed article).
        var values = IndicatorEngine.WithRates(new Dictionary<string, decimal>
        {
            [Catalogue.Households] = 10_000,
            [Catalogue.PoorHouseholds] = 334,
            [Catalogue.NearPoorHouseholds] = 500,
            [Catalogue.HouseholdsStart] = 10_000,
            [Catalogue.PoorHouseholdsStart] = 801,
        });
        Assert.Equal(3.34m, values[Catalogue.PoorRate]);
        Assert.Equal(5.00m, values[Catalogue.NearPoorRate]);
        Assert.Equal(4.67m, values[Catalogue.PoorRateReduction]);
        Assert.Equal(0m, IndicatorEngine.WithRates(new Dictionary<string, decimal>())[Catalogue.PoorRateReduction]);
    }

    [Fact]
    public void Each_record_kind_counts_in_its_indicator_and_loans_are_checked()
    {
        Assert.Equal(Catalogue.JobsCreated, ProgramRules.IndicatorOf(ProgramRules.Job));
        Assert.Equal(Catalogue.TrainedWorkers, ProgramRules.IndicatorOf(ProgramRules.Training));
        Assert.Equal(Catalogue.LabourExport, ProgramRules.IndicatorOf(ProgramRules.LabourExport));
        Assert.Equal(Catalogue.Loans, ProgramRules.IndicatorOf(ProgramRules.Loan));
        Assert.NotNull(ProgramRules.CheckLoan(0, 12));
        Assert.NotNull(ProgramRules.CheckLoan(50_000_000, 0));
        Assert.Null(ProgramRules.CheckLoan(50_000_000, 36));
        Assert.All(Catalogue.All, d => Assert.Same(d, Catalogue.Find(d.Code)));
    }

    [Fact]
    public void Periods_end_on_30_June_and_31_December() =>
        Assert.Equal((new DateOnly(2026, 6, 30), new DateOnly(2026, 12, 31)), (IndicatorEngine.PeriodEnd(2026, ReportPeriod.HalfYear), IndicatorEngine.PeriodEnd(2026, ReportPeriod.Year)));
}
