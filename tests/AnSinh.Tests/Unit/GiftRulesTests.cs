using AnSinh.Benefits.Parameters;
using AnSinh.Benefits.PresidentGifts;

namespace AnSinh.Tests.Unit;

/// <summary>The President's gift rules (RULES.md §3) with the shipped levels.</summary>
public sealed class GiftRulesTests
{
    private static readonly DateOnly Tet2026 = new(2026, 1, 1);

    private static GiftCandidate C(string category, int martyrs = 0, int? injury = null, string[]? certificates = null, Guid? person = null, Guid? household = null, int born = 1940) =>
        new(Guid.NewGuid(), person ?? Guid.NewGuid(), household ?? Guid.NewGuid(), $"{category} {born}", new DateOnly(born, 1, 1), category, martyrs, injury, certificates ?? []);

    [Theory]
    [InlineData("revolutionary_before_1945_fulltime", 0, null, 600_000)]
    [InlineData("heroic_mother", 0, null, 600_000)]
    [InlineData("hero", 0, null, 600_000)]
    [InlineData("war_invalid", 0, 81, 600_000)]
    [InlineData("war_invalid", 0, 80, 300_000)]
    [InlineData("agent_orange", 0, 95, 600_000)]
    [InlineData("sick_soldier", 0, 41, 300_000)]
    [InlineData("martyr_relative", 2, null, 600_000)]
    [InlineData("martyr_relative", 1, null, 300_000)]
    [InlineData("imprisoned_by_enemy", 0, null, 0)]
    public void Each_group_gets_the_level_of_the_gift_decision(string category, int martyrs, int? injury, long amount)
    {
        var d = GiftRules.Decide([C(category, martyrs, injury)], ShippedParameters.GiftLevels, Tet2026).Single();
        Assert.Equal(amount, d.Amount);
    }

    [Fact]
    public void One_relative_the_eldest_represents_each_martyr_and_relatives_without_a_certificate_one_per_household()
    {
        var household = Guid.NewGuid();
        var decisions = GiftRules.Decide(
            [
                C("martyr_relative", 1, certificates: ["M1"], born: 1950), C("martyr_relative", 1, certificates: ["M1"], born: 1942),
                C("martyr_relative", 1, household: household, born: 1939), C("martyr_relative", 1, household: household, born: 1936),
            ], ShippedParameters.GiftLevels, Tet2026);
        var given = decisions.Where(d => d.Amount > 0).Select(d => d.Candidate.BirthDate.Year).Order().ToArray();
        Assert.Equal([1936, 1942], given);
        Assert.Contains(decisions, d => d.Amount == 0 && d.Basis.Contains("một đại diện mỗi hộ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_martyr_with_a_relative_of_two_or_more_martyrs_on_the_list_is_represented_already()
    {
        var decisions = GiftRules.Decide([C("martyr_relative", 2, certificates: ["M1", "M2"]), C("martyr_relative", 1, certificates: ["M2"])], ShippedParameters.GiftLevels, Tet2026);
        Assert.Equal(600_000, decisions.Sum(d => d.Amount));
    }

    [Fact]
    public void One_person_on_two_records_gets_one_gift_at_the_highest_level()
    {
        var person = Guid.NewGuid();
        var decisions = GiftRules.Decide([C("war_invalid", injury: 50, person: person), C("martyr_relative", 2, person: person)], ShippedParameters.GiftLevels, Tet2026);
        Assert.Equal(600_000, decisions.Sum(d => d.Amount));
        Assert.Contains(decisions, d => d.Amount == 0 && d.Basis.Contains("Mỗi người một suất", StringComparison.Ordinal));
    }

    [Fact]
    public void A_person_or_a_martyr_given_in_another_commune_of_the_province_gets_nothing_here()
    {
        var person = Guid.NewGuid();
        var elsewhere = new GiftsElsewhere(new Dictionary<Guid, string> { [person] = "Xã Nam Tuấn" },
            new Dictionary<string, string>(StringComparer.Ordinal) { ["M9"] = "Xã Đức Long" });
        var decisions = GiftRules.Decide([C("hero", person: person), C("martyr_relative", 1, certificates: ["M9"]), C("martyr_relative", 1, certificates: ["M10"])],
            ShippedParameters.GiftLevels, Tet2026, elsewhere);
        var hero = decisions.Single(d => d.Candidate.PersonId == person);
        Assert.Equal(0, hero.Amount);
        Assert.Contains("Xã Nam Tuấn", hero.Basis, StringComparison.Ordinal);
        var represented = decisions.Single(d => d.Candidate.MartyrCertificates.Contains("M9"));
        Assert.Equal(0, represented.Amount);
        Assert.Contains("Xã Đức Long", represented.Basis, StringComparison.Ordinal);
        Assert.Equal(300_000, decisions.Single(d => d.Candidate.MartyrCertificates.Contains("M10")).Amount);
    }

    [Fact]
    public void Before_the_first_loaded_decision_no_level_is_guessed()
    {
        var d = GiftRules.Decide([C("heroic_mother")], ShippedParameters.GiftLevels, new DateOnly(2022, 7, 1)).Single();
        Assert.Equal(0, d.Amount);
        Assert.Contains("Chưa có mức quà", d.Basis, StringComparison.Ordinal);
    }
}
