using AnSinh.Benefits.Parameters;
using AnSinh.Benefits.Relief;

namespace AnSinh.Tests.Unit;

/// <summary>Emergency relief (RULES.md §2) with the shipped figures of Decree 20/2021.</summary>
public sealed class ReliefRulesTests
{
    private static readonly ReliefParameters At500k = new(ShippedParameters.ReliefRates, 500_000, "Nghị định 76/2024/NĐ-CP");
    private static readonly DateOnly Day = new(2025, 9, 10);

    [Fact]
    public void Rice_is_fifteen_kilograms_a_person_a_month_up_to_three_months_after_a_disaster()
    {
        Assert.Equal(135m, ReliefRules.Compute(new ReliefInput("storm", Day, 3, 3, 0, 0, "none"), At500k).RiceKg);
        var ex = Assert.Throws<ReliefRuleException>(() => ReliefRules.Compute(new ReliefInput("storm", Day, 3, 4, 0, 0, "none"), At500k));
        Assert.Equal("riceMonths", ex.Field);
    }

    [Fact]
    public void Tet_hunger_is_one_month_of_rice_and_nothing_else()
    {
        Assert.Equal(60m, ReliefRules.Compute(new ReliefInput("tet_hunger", Day, 4, 1, 0, 0, "none"), At500k).RiceKg);
        Assert.Throws<ReliefRuleException>(() => ReliefRules.Compute(new ReliefInput("tet_hunger", Day, 4, 2, 0, 0, "none"), At500k));
        Assert.Throws<ReliefRuleException>(() => ReliefRules.Compute(new ReliefInput("tet_hunger", Day, 4, 1, 0, 0, "collapsed"), At500k));
    }

    [Theory]
    [InlineData(1, 0, "none", 5_000_000)]
    [InlineData(0, 1, "none", 25_000_000)]
    [InlineData(0, 0, "collapsed", 40_000_000)]
    [InlineData(0, 0, "relocation", 30_000_000)]
    [InlineData(0, 0, "heavily_damaged", 20_000_000)]
    [InlineData(2, 1, "collapsed", 10_000_000 + 25_000_000 + 40_000_000)]
    public void Cash_is_multiples_of_the_base_level_for_casualties_and_the_fixed_sums_for_houses(int injured, int deaths, string house, long cash)
    {
        Assert.Equal(cash, ReliefRules.Compute(new ReliefInput("flood", Day, 5, 0, injured, deaths, house), At500k).Cash);
    }

    [Fact]
    public void Nothing_to_give_casualties_beyond_the_household_and_unknown_damage_are_refused()
    {
        Assert.Throws<ReliefRuleException>(() => ReliefRules.Compute(new ReliefInput("flood", Day, 2, 0, 0, 0, "none"), At500k));
        Assert.Throws<ReliefRuleException>(() => ReliefRules.Compute(new ReliefInput("flood", Day, 2, 0, 2, 1, "none"), At500k));
        Assert.Throws<ReliefRuleException>(() => ReliefRules.Compute(new ReliefInput("flood", Day, 2, 1, 0, 0, "washed_away"), At500k));
        var before = Assert.Throws<ReliefRuleException>(() => ReliefRules.Compute(new ReliefInput("flood", new DateOnly(2021, 1, 1), 2, 1, 0, 0, "none"), At500k));
        Assert.Contains("Chưa có mức", before.Message, StringComparison.Ordinal);
    }
}
