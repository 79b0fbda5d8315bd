using AnSinh.Platform.AdminUnits;
using AnSinh.Platform.Audit;
using AnSinh.Platform.Errors;
using AnSinh.Registry.Households;

namespace AnSinh.Tests.Unit;

public sealed class RegistryRulesTests
{
    [Theory]
    [InlineData("1950", 1950, null, null, "1950")]
    [InlineData("1950-03", 1950, 3, null, "03/1950")]
    [InlineData("1950-03-05", 1950, 3, 5, "05/03/1950")]
    [InlineData("05/03/1950", 1950, 3, 5, "05/03/1950")]
    [InlineData("3/1950", 1950, 3, null, "03/1950")]
    public void Partial_birth_dates_are_kept_as_known(string text, int year, int? month, int? day, string display)
    {
        Assert.True(PartialDate.TryParse(text, out var d, out _));
        Assert.Equal(new PartialDate(year, month, day), d);
        Assert.Equal(display, d.ToDisplay());
    }

    [Theory]
    [InlineData("")]
    [InlineData("1950-02-30")]
    [InlineData("1950-13")]
    [InlineData("năm 1950")]
    [InlineData("1750")]
    public void Impossible_birth_dates_are_refused_with_a_reason(string text)
    {
        Assert.False(PartialDate.TryParse(text, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void Age_with_a_partial_date_is_the_age_reached_at_the_latest()
    {
        Assert.Equal(75, new PartialDate(1950, null, null).AgeOn(new DateOnly(2025, 1, 1)));
        Assert.Equal(74, new PartialDate(1950, 6, null).AgeOn(new DateOnly(2025, 5, 31)));
        Assert.Equal(75, new PartialDate(1950, 6, 10).AgeOn(new DateOnly(2025, 6, 10)));
    }

    [Theory]
    [InlineData("001075012345", Sex.Male, 1975, null)]
    [InlineData("001175012345", Sex.Female, 1975, null)]
    [InlineData("001205012345", Sex.Male, 2005, null)]
    [InlineData("001305012345", Sex.Female, 2005, null)]
    [InlineData("001075012345", Sex.Female, 1975, "nam")]
    [InlineData("001075012345", Sex.Male, 1976, "năm sinh 1975")]
    [InlineData("00107501234", Sex.Male, 1975, "12 chữ số")]
    [InlineData("00107501234x", Sex.Male, 1975, "12 chữ số")]
    public void National_id_digits_carry_sex_century_and_birth_year(string id, Sex sex, int year, string? error)
    {
        var result = PersonRules.CheckNationalId(id, sex, year);
        if (error is null)
        {
            Assert.Null(result);
        }
        else
        {
            Assert.Contains(error, result, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("Kinh", "01")]
    [InlineData("thai", "03")]
    [InlineData("Khmer", "05")]
    [InlineData("Khơ-me", "05")]
    [InlineData("H'Mông", "08")]
    [InlineData("Mông", "08")]
    [InlineData("Ê Đê", "12")]
    [InlineData("54", "54")]
    [InlineData("Người sao Hoả", null)]
    [InlineData("99", null)]
    public void Ethnic_groups_are_found_by_name_or_code(string text, string? code) => Assert.Equal(code, Ethnicities.Find(text));

    [Fact]
    public void There_are_fifty_four_ethnic_groups_with_unique_codes()
    {
        Assert.Equal(54, Ethnicities.All.Count);
        Assert.Equal(54, Ethnicities.All.Select(e => e.Code).Distinct().Count());
    }

    [Fact]
    public void A_household_has_exactly_one_head()
    {
        Assert.Null(MemberValidation.CheckOneHead([Relationship.Head, Relationship.Spouse]));
        Assert.Contains("chưa có chủ hộ", MemberValidation.CheckOneHead([Relationship.Child]), StringComparison.Ordinal);
        Assert.Contains("2 chủ hộ", MemberValidation.CheckOneHead([Relationship.Head, Relationship.Head]), StringComparison.Ordinal);
    }

    [Fact]
    public void Member_validation_names_each_bad_field()
    {
        var errors = new ValidationErrors();
        var m = MemberValidation.Validate(new MemberInput { FullName = "", Sex = "x", BirthDate = "2030", Relationship = "boss", Ethnicity = "Kinh" }, "m.", new DateOnly(2026, 1, 1), errors);
        Assert.Null(m);
        var fields = errors.ToDictionary().Keys.ToHashSet();
        Assert.Superset(new HashSet<string> { "m.fullName", "m.sex", "m.birthDate", "m.relationship" }, fields);
        Assert.Equal(4, fields.Count);
    }

    [Fact]
    public void The_shipped_maps_have_the_official_counts_and_links()
    {
        var map = AdminMapSource.Load();
        int Count(AdminLevel level, bool old) => map.Units.Count(u => u.Level == level && (u.ValidTo is not null) == old);
        Assert.Equal(63, Count(AdminLevel.Province, old: true));
        Assert.Equal(696, Count(AdminLevel.District, old: true));
        Assert.Equal(10_035, Count(AdminLevel.Commune, old: true));
        Assert.Equal(34, Count(AdminLevel.Province, old: false));
        Assert.Equal(3_321, Count(AdminLevel.Commune, old: false));
        var communeLinks = map.Links.Where(l => l.Level == AdminLevel.Commune).ToList();
        Assert.InRange(communeLinks.Count, 10_500, 10_604);
        Assert.True(communeLinks.Count(l => l.Kind == SuccessionKind.Partial) > 900);
        Assert.All(map.Units.Where(u => u.Level == AdminLevel.Commune && u.ValidTo is null), u => Assert.Equal(u.UnitType is "Phường", u.IsUrban));
        // Every old province maps to a province of today's map.
        var newProvinces = map.Units.Where(u => u.Level == AdminLevel.Province && u.ValidTo is null).Select(u => u.Code).ToHashSet();
        Assert.All(map.Units.Where(u => u.ValidTo is not null), u => Assert.Contains(u.CurrentProvinceCode, newProvinces));
    }

    [Fact]
    public void An_audit_hash_covers_the_content_and_the_previous_hash()
    {
        var e = new AuditEvent { At = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), UserName = "a", Action = "x.update", EntityType = "x", After = "{\"v\":1}", PreviousHash = "abc" };
        var h = AuditEvent.ComputeHash(e);
        Assert.Equal(64, h.Length);
        Assert.NotEqual(h, AuditEvent.ComputeHash(new AuditEvent { At = e.At, UserName = "a", Action = "x.update", EntityType = "x", After = "{\"v\":2}", PreviousHash = "abc" }));
        Assert.NotEqual(h, AuditEvent.ComputeHash(new AuditEvent { At = e.At, UserName = "a", Action = "x.update", EntityType = "x", After = "{\"v\":1}", PreviousHash = "abd" }));
        Assert.Equal(h, AuditEvent.ComputeHash(new AuditEvent { At = e.At, UserName = "a", Action = "x.update", EntityType = "x", After = "{\"v\":1}", PreviousHash = "abc" }));
    }

    [Fact]
    public void The_generator_makes_the_same_people_for_the_same_seed()
    {
        var communes = new[] { new AnSinh.Registry.Demo.CommuneInfo(1, "03910", "14", false), new AnSinh.Registry.Demo.CommuneInfo(2, "03646", "14", true) };
        var villages = AnSinh.Registry.Demo.PopulationGenerator.Villages(communes, 7);
        List<string> Names(int seed) => new AnSinh.Registry.Demo.PopulationGenerator(seed, new DateOnly(2026, 1, 1))
            .Households(communes, villages, 500, _ => 1).SelectMany(h => h.Members).Select(p => $"{p.FullName}|{p.NationalId}|{p.BirthDate}").ToList();
        var a = Names(7);
        Assert.Equal(a, Names(7));
        Assert.NotEqual(a, Names(8));
        Assert.InRange(a.Count, 500, 520);
        var people = new AnSinh.Registry.Demo.PopulationGenerator(7, new DateOnly(2026, 1, 1)).Households(communes, villages, 2000, _ => 1).SelectMany(h => h.Members).ToList();
        Assert.All(people.Where(p => p.NationalId is not null), p => Assert.Null(PersonRules.CheckNationalId(p.NationalId!, p.Sex, p.BirthYear)));
        Assert.Equal(people.Count(p => p.NationalId is not null), people.Where(p => p.NationalId is not null).Select(p => p.NationalId).Distinct().Count());
    }
}

public sealed class GeneratedPasswordTests
{
    [Fact]
    public void A_generated_administrator_password_always_meets_the_rules()
    {
        for (var i = 0; i < 2_000; i++)
        {
            var p = AnSinh.Data.DatabaseInitializer.GeneratePassword();
            Assert.Equal(16, p.Length);
            Assert.Contains(p, char.IsAsciiDigit);
            Assert.Contains(p, char.IsAsciiLetterLower);
        }
    }
}
