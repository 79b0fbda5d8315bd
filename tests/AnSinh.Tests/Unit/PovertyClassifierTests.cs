using AnSinh.Poverty.Classification;
using AnSinh.Poverty.Standards;

namespace AnSinh.Tests.Unit;

/// <summary>The classifier against the figures of Decree 07/2021 (2022–2026) and Decree 351/2025 (2027–2030).</summary>
public sealed class PovertyClassifierTests
{
    private static readonly PovertyStandard S2022 = ShippedStandards.All.Single(s => s.Code == "2022-2026");
    private static readonly PovertyStandard S2027 = ShippedStandards.All.Single(s => s.Code == "2027-2030");
    private static readonly string[] Three = ["water", "sanitation", "telecom"];
    private static readonly string[] Two = ["water", "sanitation"];

    private static PovertyClass C(PovertyStandard s, bool urban, long? income, string[] deprived, int? score = null, string[]? unknown = null) =>
        PovertyClassifier.Classify(s, new ClassificationInput(urban, income, score, deprived, unknown)).Class;

    [Theory]
    [InlineData(false, 1_500_000, 3, PovertyClass.Poor)]           // at the rural line, 3 deprivations
    [InlineData(false, 1_500_000, 2, PovertyClass.NearPoor)]
    [InlineData(false, 1_500_001, 5, PovertyClass.AverageLiving)]  // above the line: deprivations no longer matter
    [InlineData(false, 2_250_000, 0, PovertyClass.AverageLiving)]
    [InlineData(false, 2_250_001, 0, PovertyClass.NotPoor)]
    [InlineData(true, 2_000_000, 3, PovertyClass.Poor)]            // urban line 2,000,000
    [InlineData(true, 2_000_000, 0, PovertyClass.NearPoor)]
    [InlineData(true, 3_000_000, 0, PovertyClass.AverageLiving)]
    [InlineData(true, 3_000_001, 0, PovertyClass.NotPoor)]
    public void The_2022_2026_standard(bool urban, long income, int deprivations, PovertyClass expected)
    {
        var deprived = S2022.IndicatorList.Take(deprivations).ToArray();
        Assert.Equal(expected, C(S2022, urban, income, deprived));
    }

    [Fact]
    public void The_2027_2030_standard_has_higher_lines_and_no_average_living_band()
    {
        Assert.Equal(PovertyClass.Poor, C(S2027, false, 2_200_000, Three));
        Assert.Equal(PovertyClass.NearPoor, C(S2027, true, 2_800_000, Two));
        Assert.Equal(PovertyClass.NotPoor, C(S2027, false, 2_200_001, []));
        var r = PovertyClassifier.Classify(S2027, new ClassificationInput(false, 2_300_000, null, []));
        Assert.Contains("chưa quy định mức sống trung bình", r.Explanation, StringComparison.Ordinal);
        Assert.Contains("waste", S2027.IndicatorList);
        Assert.DoesNotContain("information_access", S2027.IndicatorList);
        Assert.Equal(12, S2022.IndicatorList.Count);
    }

    [Fact]
    public void An_income_score_stands_for_the_income()
    {
        Assert.Equal(PovertyClass.Poor, C(S2022, false, null, Three, score: 140));
        Assert.Equal(PovertyClass.NearPoor, C(S2022, true, null, Two, score: 175));
        Assert.Equal(PovertyClass.NotPoor, C(S2022, false, null, Three, score: 141));
    }

    [Fact]
    public void Incomplete_data_is_never_guessed()
    {
        Assert.Equal(PovertyClass.Incomplete, C(S2022, false, null, Three));
        // Under the line with 2 deprivations and one indicator unknown: could be poor or near-poor.
        Assert.Equal(PovertyClass.Incomplete, C(S2022, false, 1_000_000, Two, unknown: ["telecom"]));
        // With 3 deprivations known, the unknown one cannot change the result.
        Assert.Equal(PovertyClass.Poor, C(S2022, false, 1_000_000, Three, unknown: ["employment"]));
    }

    [Fact]
    public void The_explanation_names_the_line_the_count_and_the_legal_text()
    {
        var r = PovertyClassifier.Classify(S2022, new ClassificationInput(false, 1_400_000, null, Three));
        Assert.Equal(1_500_000, r.IncomeLine);
        Assert.Equal(3, r.DeprivationCount);
        Assert.Contains("1.500.000", r.Explanation, StringComparison.Ordinal);
        Assert.Contains("07/2021/NĐ-CP", r.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_input_is_named_field_by_field()
    {
        Assert.Contains("incomePerPersonMonthly", PovertyClassifier.Check(S2022, new ClassificationInput(false, -1, null, [])).Keys);
        Assert.Contains("incomePerPersonMonthly", PovertyClassifier.Check(S2022, new ClassificationInput(false, 5_000_000_000, null, [])).Keys);
        Assert.Contains("deprivations", PovertyClassifier.Check(S2022, new ClassificationInput(false, 1, null, ["waste"])).Keys); // not a 2022 indicator
        Assert.Contains("deprivations", PovertyClassifier.Check(S2022, new ClassificationInput(false, 1, null, ["flying"])).Keys);
        Assert.Contains("incomeScore", PovertyClassifier.Check(S2022, new ClassificationInput(false, 1_000_000, 200, [])).Keys); // score and income disagree
        Assert.Empty(PovertyClassifier.Check(S2022, new ClassificationInput(false, 1_000_000, 120, Three)));
    }

    [Fact]
    public void The_batch_decision_needs_no_allocation()
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var poor = 0;
        for (var i = 0; i < 10_000; i++)
        {
            if (PovertyClassifier.Decide(1_500_000, 2_250_000, 140, 3, 1_000_000 + i * 100, null, i % 5, 0) == PovertyClass.Poor)
            {
                poor++;
            }
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(2_000, poor); // under the line for i ≤ 5,000, and poor when i % 5 is 3 or 4
    }
}
