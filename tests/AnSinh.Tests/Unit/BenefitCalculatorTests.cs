using AnSinh.Benefits.Parameters;
using AnSinh.Benefits.Quotes;

namespace AnSinh.Tests.Unit;

/// <summary>The calculators of issue #5 with the legal figures of RULES.md §2–§3 (Decree 20/2021 as amended by 76/2024; Decree 77/2024).</summary>
public sealed class BenefitCalculatorTests
{
    private static readonly ParameterSet Shipped = new(ShippedParameters.BaseLevels, ShippedParameters.Coefficients, ShippedParameters.MeritRates());

    private static readonly DateOnly July2024 = new(2024, 7, 1);

    private static Quote Assistance(DateOnly date, DateOnly birth, string[] clauses, string? disability = null, int children = 0, ParameterSet? set = null) =>
        AssistanceCalculator.Quote(new AssistanceInput(date, birth, clauses, disability, children), set ?? Shipped);

    [Theory]
    [InlineData("2021-06-30", 270_000)]
    [InlineData("2021-07-01", 360_000)]
    [InlineData("2024-06-30", 360_000)]
    [InlineData("2024-07-01", 500_000)]
    [InlineData("2026-07-01", 540_000)]
    public void The_social_assistance_base_level_is_the_one_valid_on_the_date(string date, long expected)
    {
        Assert.Equal(expected, Shipped.BaseLevelOn(Scheme.SocialAssistance, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture))!.Amount);
    }

    [Fact]
    public void Secondary_source_figures_are_provisional_and_each_base_level_names_its_decree()
    {
        Assert.True(Shipped.BaseLevelOn(Scheme.SocialAssistance, new DateOnly(2026, 7, 1))!.Provisional);
        Assert.False(Shipped.BaseLevelOn(Scheme.SocialAssistance, July2024)!.Provisional);
        Assert.Equal(2_789_000, Shipped.BaseLevelOn(Scheme.Merit, July2024)!.Amount);
        Assert.Equal(1_624_000, Shipped.BaseLevelOn(Scheme.Merit, new DateOnly(2021, 9, 15))!.Amount);
        Assert.Null(Shipped.BaseLevelOn(Scheme.Merit, new DateOnly(2021, 9, 14)));
        Assert.Equal(2_530_000, Shipped.BaseLevelOn(Scheme.BaseSalary, new DateOnly(2026, 7, 1))!.Amount);
        Assert.All(ShippedParameters.BaseLevels, b => Assert.Contains("Nghị định", b.Source, StringComparison.Ordinal));
    }

    [Fact]
    public void An_elderly_person_turning_80_moves_from_1_5_to_2_0_by_themselves()
    {
        var birth = new DateOnly(1944, 8, 15);
        Assert.Equal(750_000, Assistance(new DateOnly(2024, 8, 14), birth, ["5.5a"]).MonthlyAmount);
        Assert.Equal(1_000_000, Assistance(new DateOnly(2024, 8, 15), birth, ["5.5a"]).MonthlyAmount);
    }

    [Fact]
    public void A_child_turning_4_moves_from_2_5_to_1_5()
    {
        var birth = new DateOnly(2021, 3, 10);
        var young = Assistance(new DateOnly(2025, 3, 9), birth, ["5.1"]);
        Assert.Equal(1_250_000, young.MonthlyAmount);
        Assert.Equal(2.5m, young.Parts.Single().Coefficient);
        Assert.Equal(750_000, Assistance(new DateOnly(2025, 3, 10), birth, ["5.1"]).MonthlyAmount);
    }

    [Theory]
    [InlineData(30, "severe", 750_000)]
    [InlineData(10, "severe", 1_000_000)]
    [InlineData(70, "severe", 1_000_000)]
    [InlineData(30, "particularly_severe", 1_000_000)]
    [InlineData(10, "particularly_severe", 1_250_000)]
    [InlineData(70, "particularly_severe", 1_250_000)]
    public void Disability_pays_more_to_a_child_or_an_elderly_person(int age, string level, long expected)
    {
        var date = new DateOnly(2025, 1, 1);
        Assert.Equal(expected, Assistance(date, date.AddYears(-age), ["5.6"], level).MonthlyAmount);
    }

    [Fact]
    public void Only_the_highest_clause_is_paid()
    {
        var date = new DateOnly(2025, 1, 1);
        var q = Assistance(date, date.AddYears(-82), ["5.5a", "5.6", "5.5c"], "particularly_severe");
        Assert.Equal(1_250_000, q.MonthlyAmount);
        Assert.Equal("5.6", q.Parts.Single().Clause);
        Assert.Contains("mức cao nhất", q.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_parent_also_disabled_gets_both()
    {
        var date = new DateOnly(2025, 1, 1);
        var q = Assistance(date, date.AddYears(-35), ["5.4", "5.6"], "severe", children: 2);
        Assert.Equal(1_750_000, q.MonthlyAmount);
        Assert.Equal(["5.4", "5.6"], q.Parts.Select(p => p.Clause));
        Assert.Equal(1_000_000, q.Parts[0].Amount);
        // 5.2 is not among the clauses paid together with 5.4: the highest only.
        Assert.Equal(1_000_000, Assistance(date, date.AddYears(-20), ["5.4", "5.2"], children: 2).MonthlyAmount);
    }

    [Fact]
    public void A_province_with_a_higher_local_base_level_pays_on_it_and_a_lower_one_is_ignored()
    {
        var levels = ShippedParameters.BaseLevels.Concat([
            new BaseLevel { Scheme = Scheme.SocialAssistance, ProvinceCode = "79", Amount = 600_000, ValidFrom = July2024, Source = "Nghị quyết HĐND tỉnh (thử)" },
            new BaseLevel { Scheme = Scheme.SocialAssistance, ProvinceCode = "04", Amount = 400_000, ValidFrom = July2024, Source = "Nghị quyết HĐND tỉnh (thử)" },
        ]).ToList();
        var set = Shipped with { BaseLevels = levels };
        var date = new DateOnly(2025, 1, 1);
        Assert.Equal(900_000, AssistanceCalculator.Quote(new AssistanceInput(date, date.AddYears(-70), ["5.5a"], null, 0, "79"), set).MonthlyAmount);
        Assert.Equal(750_000, AssistanceCalculator.Quote(new AssistanceInput(date, date.AddYears(-70), ["5.5a"], null, 0, "04"), set).MonthlyAmount);
    }

    [Fact]
    public void Bad_input_gets_a_Vietnamese_refusal()
    {
        var date = new DateOnly(2025, 1, 1);
        Assert.Contains("không có trong Điều 5", Assert.Throws<QuoteException>(() => Assistance(new DateOnly(2020, 1, 1), new DateOnly(1940, 1, 1), ["5.5a"])).Message, StringComparison.Ordinal);
        Assert.Contains("không có trong Điều 5", Assert.Throws<QuoteException>(() => Assistance(date, new DateOnly(1940, 1, 1), ["5.9"])).Message, StringComparison.Ordinal);
        Assert.Equal("disability", Assert.Throws<QuoteException>(() => Assistance(date, new DateOnly(1990, 1, 1), ["5.6"])).Field);
        Assert.Equal("clauses", Assert.Throws<QuoteException>(() => Assistance(date, new DateOnly(1940, 1, 1), ["funeral"])).Field);
        Assert.Equal("birthDate", Assert.Throws<QuoteException>(() => Assistance(date, new DateOnly(2026, 1, 1), ["5.5a"])).Field);
        Assert.Contains("không thuộc khoản 5.5a", Assert.Throws<QuoteException>(() => Assistance(date, new DateOnly(1980, 1, 1), ["5.5a"])).Message, StringComparison.Ordinal);
        Assert.Equal("children", Assert.Throws<QuoteException>(() => Assistance(date, new DateOnly(1990, 1, 1), ["5.4"])).Field);
    }

    [Theory]
    [InlineData("martyr_relative", 1, null, false, 2_789_000)]
    [InlineData("martyr_relative", 2, null, false, 5_578_000)]
    [InlineData("martyr_relative", 4, null, false, 8_367_000)]
    [InlineData("heroic_mother", 0, null, false, 10_704_000)]
    [InlineData("war_invalid", 0, 21, false, 1_878_000)]
    [InlineData("war_invalid", 0, 41, false, 3_667_000)]
    [InlineData("war_invalid", 0, 81, false, 8_639_000)]
    [InlineData("war_invalid", 0, 100, false, 10_340_000)]
    [InlineData("war_invalid", 0, 100, true, 11_808_000)]
    [InlineData("sick_soldier", 0, 55, false, 3_627_000)]
    [InlineData("agent_orange", 0, 85, false, 6_358_000)]
    public void Merit_amounts_come_from_the_Decree_77_2024_tables(string category, int martyrs, int? percent, bool severe, long expected)
    {
        var q = MeritCalculator.Quote(new MeritInput(new DateOnly(2025, 1, 1), category, martyrs, percent, severe), Shipped);
        Assert.Equal(expected, q.MonthlyAmount);
        Assert.Equal(2_789_000, q.BaseLevel);
        Assert.Contains("77/2024", q.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_period_without_its_decree_tables_is_refused_never_scaled()
    {
        // 2,055,000 from 1/7/2023 (Decree 55/2023): its tables are not loaded.
        Assert.Contains("Chưa nạp bảng", Assert.Throws<QuoteException>(() => MeritCalculator.Quote(new MeritInput(new DateOnly(2023, 12, 1), "martyr_relative", 1), Shipped)).Message, StringComparison.Ordinal);
        // 3,012,000 from 1/7/2026: the 2024 tables do not apply.
        Assert.Contains("Chưa nạp bảng", Assert.Throws<QuoteException>(() => MeritCalculator.Quote(new MeritInput(new DateOnly(2026, 8, 1), "war_invalid", 0, 41), Shipped)).Message, StringComparison.Ordinal);
        Assert.Equal("injuryPercent", Assert.Throws<QuoteException>(() => MeritCalculator.Quote(new MeritInput(new DateOnly(2025, 1, 1), "sick_soldier", 0, 35), Shipped)).Field);
        Assert.Equal("category", Assert.Throws<QuoteException>(() => MeritCalculator.Quote(new MeritInput(new DateOnly(2025, 1, 1), "general"), Shipped)).Field);
    }

    [Theory]
    [InlineData(1_499, 1_000)]
    [InlineData(1_500, 2_000)]
    [InlineData(2_789_000, 2_789_000)]
    [InlineData(2_788_500.5, 2_789_000)]
    public void Merit_amounts_are_rounded_to_the_nearest_thousand(decimal amount, long expected) => Assert.Equal(expected, MeritCalculator.RoundToThousand(amount));
}

/// <summary>The payroll's fast path gives the same amount as the full quote.</summary>
public sealed class FastAssistanceAmountTests
{
    [Fact]
    public void The_fast_amount_equals_the_quote_on_ten_thousand_random_inputs()
    {
        var set = new ParameterSet(ShippedParameters.BaseLevels, ShippedParameters.Coefficients, ShippedParameters.MeritRates());
        var index = new ParameterIndex(set);
        string[][] combos = [["5.1"], ["5.2"], ["5.3"], ["5.4"], ["5.5a"], ["5.5b"], ["5.5c"], ["5.5d"], ["5.6"], ["5.7"], ["5.8"], ["5.4", "5.6"], ["5.5a", "5.6"], ["5.4", "5.8"], ["5.5a", "5.5c"], ["5.4", "5.2"]];
        string?[] disabilities = [null, "severe", "particularly_severe"];
        var random = new Random(20);
        var priced = 0;
        for (var i = 0; i < 10_000; i++)
        {
            var date = new DateOnly(2020, 1, 1).AddDays(random.Next(0, 365 * 7));
            var birth = date.AddDays(-random.Next(0, 365 * 95));
            var clauses = combos[random.Next(combos.Length)];
            var disability = disabilities[random.Next(3)];
            var children = random.Next(0, 4);
            long? full;
            try
            {
                full = AssistanceCalculator.Quote(new AssistanceInput(date, birth, clauses, disability, children), set).MonthlyAmount;
            }
            catch (QuoteException)
            {
                full = null;
            }
            long? fast;
            try
            {
                fast = AssistanceCalculator.MonthlyAmount(date, birth, clauses, disability, children, index);
            }
            catch (QuoteException)
            {
                fast = null;
            }
            Assert.True(full == fast, $"{date} {birth} {string.Join('+', clauses)} {disability} {children}: quote {full}, fast {fast}");
            if (full is not null)
            {
                priced++;
            }
        }
        Assert.True(priced > 2_000, $"only {priced} inputs were priced");
    }
}
