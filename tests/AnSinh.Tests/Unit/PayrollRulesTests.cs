using AnSinh.Benefits.Parameters;
using AnSinh.Benefits.Payroll;
using AnSinh.Benefits.Quotes;
using AnSinh.Benefits.Registers;

namespace AnSinh.Tests.Unit;

/// <summary>The payroll's pure rules: entitlement months, arrears and recoveries, the pay key, the cached pricer.</summary>
public sealed class PayrollRulesTests
{
    private static readonly ParameterSet Shipped = new(ShippedParameters.BaseLevels, ShippedParameters.Coefficients, ShippedParameters.MeritRates());

    private static DateOnly M(int year, int month) => new(year, month, 1);

    [Fact]
    public void An_entitlement_runs_from_its_first_month_to_the_month_of_its_end()
    {
        var end = new DateOnly(2025, 2, 28);
        Assert.False(PayrollRules.IsEntitled(M(2025, 1), end, M(2024, 12)));
        Assert.True(PayrollRules.IsEntitled(M(2025, 1), end, M(2025, 1)));
        Assert.True(PayrollRules.IsEntitled(M(2025, 1), end, M(2025, 2)));
        Assert.False(PayrollRules.IsEntitled(M(2025, 1), end, M(2025, 3)));
        Assert.True(PayrollRules.IsEntitled(M(2025, 1), null, M(2030, 3)));
    }

    [Fact]
    public void A_base_level_raised_after_two_paid_months_gives_arrears_for_exactly_those_months()
    {
        // 5.5a at 80+: 2.0 × 500,000 paid; the province's 600,000 makes it 1,200,000.
        var adjustments = PayrollRules.Reconcile([new PaidMonth(M(2025, 1), 1_200_000, 1_000_000), new PaidMonth(M(2025, 2), 1_200_000, 1_000_000)]);
        Assert.Equal([200_000L, 200_000L], adjustments.Select(a => a.Amount));
        Assert.All(adjustments, a => Assert.Equal(PayrollLineKind.Arrears, a.Kind));
        Assert.Equal([M(2025, 1), M(2025, 2)], adjustments.Select(a => a.Month));
        Assert.Contains("Truy lĩnh tháng 01/2025", adjustments[0].Basis, StringComparison.Ordinal);
    }

    [Fact]
    public void A_death_reported_late_recovers_the_months_paid_after_it_and_nothing_else()
    {
        var adjustments = PayrollRules.Reconcile([new PaidMonth(M(2025, 2), 1_200_000, 1_200_000), new PaidMonth(M(2025, 3), 0, 1_200_000)]);
        var recovery = Assert.Single(adjustments);
        Assert.Equal(PayrollLineKind.Recovery, recovery.Kind);
        Assert.Equal(-1_200_000, recovery.Amount);
        Assert.Equal(M(2025, 3), recovery.Month);
        Assert.Contains("không còn được hưởng", recovery.Basis, StringComparison.Ordinal);
    }

    [Fact]
    public void A_month_paid_right_gives_nothing_so_running_again_after_the_correction_is_paid_adds_nothing()
    {
        Assert.Empty(PayrollRules.Reconcile([new PaidMonth(M(2025, 1), 1_200_000, 1_000_000 + 200_000)]));
        Assert.Empty(PayrollRules.Reconcile([]));
    }

    [Fact]
    public void The_pay_key_is_the_national_id_or_else_the_register_person()
    {
        var person = Guid.Parse("0193a6f0-0000-7000-8000-000000000001");
        Assert.Equal("001190000123", PayrollRules.PayKey("001190000123", person));
        Assert.Equal("P:0193a6f0000070008000000000000001", PayrollRules.PayKey(null, person));
        Assert.Equal("P:0193a6f0000070008000000000000001", PayrollRules.PayKey(" ", person));
    }

    [Theory]
    [InlineData("2025-03", "2025-03-01")]
    [InlineData("2025-03-17", "2025-03-01")]
    [InlineData(" 2026-11 ", "2026-11-01")]
    public void A_payroll_month_is_read_as_its_first_day(string text, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), PayrollRules.ParseMonth(text));

    [Theory]
    [InlineData("2025-13")]
    [InlineData("03/2025")]
    [InlineData("")]
    public void A_month_that_is_not_a_month_is_refused(string text) => Assert.Null(PayrollRules.ParseMonth(text));

    [Fact]
    public void The_parameters_fingerprint_changes_with_any_figure()
    {
        var before = PayrollRules.ParametersHash(Shipped);
        Assert.Equal(before, PayrollRules.ParametersHash(new ParameterSet(ShippedParameters.BaseLevels, ShippedParameters.Coefficients, ShippedParameters.MeritRates())));
        var raised = ShippedParameters.BaseLevels.Select(b => new BaseLevel
        {
            Id = b.Id,
            Scheme = b.Scheme,
            ProvinceCode = b.ProvinceCode,
            Amount = b.Amount + (b.Scheme == Scheme.SocialAssistance ? 1 : 0),
            ValidFrom = b.ValidFrom,
            ValidTo = b.ValidTo,
            Source = b.Source,
        }).ToList();
        Assert.NotEqual(before, PayrollRules.ParametersHash(new ParameterSet(raised, ShippedParameters.Coefficients, ShippedParameters.MeritRates())));
    }

    private static Beneficiary Person(Scheme scheme, DateOnly birth, string? clauses = null, string? category = null, int martyrs = 0, int? injury = null, string province = "04") => new()
    {
        Id = Guid.NewGuid(),
        PersonId = Guid.NewGuid(),
        CommuneCode = "01699",
        ProvinceCode = province,
        FullName = "Người thử",
        BirthDate = birth,
        Scheme = scheme,
        Clauses = clauses,
        Category = category,
        Martyrs = martyrs,
        InjuryPercent = injury,
        DecisionNumber = "QĐ 1",
        CreatedBy = "test",
    };

    [Fact]
    public void The_payroll_pricer_gives_the_calculators_amounts_and_follows_age_brackets_month_by_month()
    {
        var pricer = new PayrollPricer(Shipped);
        var elder = Person(Scheme.SocialAssistance, new DateOnly(1945, 3, 15), "5.5a");
        // 79 in February 2025 → 1.5; turns 80 on 15 March, still 79 on 1 March; 80 on 1 April → 2.0.
        Assert.Equal(750_000, pricer.Price(elder, M(2025, 2)).Amount);
        Assert.Equal(750_000, pricer.Price(elder, M(2025, 3)).Amount);
        Assert.Equal(1_000_000, pricer.Price(elder, M(2025, 4)).Amount);
        Assert.Contains("mức chuẩn 500.000", pricer.Price(elder, M(2025, 4)).Basis, StringComparison.Ordinal);

        var war = Person(Scheme.Merit, new DateOnly(1950, 1, 1), category: "war_invalid", injury: 100);
        var quote = MeritCalculator.Quote(new MeritInput(M(2025, 1), "war_invalid", 0, 100), Shipped);
        Assert.Equal(quote.MonthlyAmount, pricer.Price(war, M(2025, 1)).Amount);

        var relative = Person(Scheme.Merit, new DateOnly(1950, 1, 1), category: "martyr_relative", martyrs: 3);
        Assert.Equal(8_367_000, pricer.Price(relative, M(2025, 1)).Amount);
    }

    [Fact]
    public void A_record_the_rules_cannot_price_is_withheld_with_the_reason_not_guessed()
    {
        var pricer = new PayrollPricer(Shipped);
        var young = Person(Scheme.SocialAssistance, new DateOnly(1990, 1, 1), "5.5a");
        var priced = pricer.Price(young, M(2025, 1));
        Assert.Null(priced.Amount);
        Assert.Contains("Không tính được", priced.Basis, StringComparison.Ordinal);
        var pension = Person(Scheme.SocialPension, new DateOnly(1960, 1, 1));
        Assert.Null(pricer.Price(pension, M(2025, 8)).Amount);
        Assert.Equal(500_000, pricer.Price(Person(Scheme.SocialPension, new DateOnly(1945, 1, 1)), M(2025, 8)).Amount);
    }
}
