using AnSinh.Benefits.HealthCards;
using AnSinh.Benefits.Quotes;
using AnSinh.Platform.Display;
using AnSinh.Poverty.Standards;
using AnSinh.Programs.Housing;

namespace AnSinh.Tests.Unit;

/// <summary>The one catalogue of display names: every code the modules know has a Vietnamese and an English name.</summary>
public sealed class CodeNamesTests
{
    public static TheoryData<string, string> ModuleCodes()
    {
        var data = new TheoryData<string, string>();
        foreach (var i in ManageStandards.KnownIndicators)
        {
            data.Add("deprivation", i);
        }
        foreach (var r in ScoreTables.Regions)
        {
            data.Add("score_region", ScoreTables.Code(r));
        }
        foreach (var c in MeritCalculator.Categories)
        {
            data.Add("merit_category", c);
        }
        foreach (var g in CardRules.GroupCodes)
        {
            data.Add("card_group", g);
        }
        foreach (var p in HousingRules.Programmes)
        {
            data.Add("programme", p.Code);
        }
        foreach (var w in HousingRules.WorkKinds)
        {
            data.Add("work_kind", w);
        }
        foreach (var clause in new[] { "5.1", "5.2", "5.3", "5.4", "5.5a", "5.5b", "5.5c", "5.5d", "5.6", "5.7", "5.8" })
        {
            data.Add("clause", clause);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ModuleCodes))]
    public void Every_module_code_has_a_name_in_both_languages(string kind, string code)
    {
        var name = CodeNames.Find(kind, code);
        Assert.NotNull(name);
        Assert.False(string.IsNullOrWhiteSpace(name.Vietnamese));
        Assert.False(string.IsNullOrWhiteSpace(name.English));
        Assert.NotEqual(code, name.Vietnamese);
    }

    [Fact]
    public void Clauses_carry_their_legal_wording_and_article()
    {
        var single = CodeNames.Find("clause", "5.4")!;
        Assert.Equal("Người đơn thân thuộc hộ nghèo, cận nghèo đang nuôi con", single.Vietnamese);
        Assert.Equal("Nghị định 20/2021/NĐ-CP, Điều 5 khoản 4", single.Source);
        Assert.Equal("Việc làm; Nguồn nước sinh hoạt", CodeNames.OfList("deprivation", "employment, water"));
        Assert.Equal("Drinking water", CodeNames.Of("deprivation", "water", english: true));
    }

    [Fact]
    public void An_unknown_code_is_shown_as_it_is_and_any_kind_finds_a_known_one()
    {
        Assert.Equal("no_such_code", CodeNames.Of("deprivation", "no_such_code"));
        Assert.Null(CodeNames.OfAnyKind("no_such_code"));
        Assert.Equal("Quỹ \"Vì người nghèo\"", CodeNames.OfAnyKind("for_the_poor"));
        Assert.Equal("Hộ cận nghèo", CodeNames.OfAnyKind("near_poor"));
    }
}
