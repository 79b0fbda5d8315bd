using AnSinh.Platform.Errors;
using AnSinh.Poverty.Standards;

namespace AnSinh.Tests.Unit;

/// <summary>Form-B scoring from a loaded point table (the figures here are test figures, not the official table).</summary>
public sealed class ScoreTablesTests
{
    private static ScorePoint Point(string q, string a, int? northern, int? urban) => new()
    {
        StandardCode = "2022-2026",
        Question = q,
        QuestionText = "Câu " + q,
        Answer = a,
        AnswerText = "Phương án " + a,
        NorthernMountains = northern,
        Urban = urban,
        Source = "test",
    };

    private static readonly IReadOnlyList<ScorePoint> Table =
    [
        Point("q1", "a", 10, 12),
        Point("q1", "b", 25, 30),
        Point("q2", "a", 40, null),
        Point("q2", "b", 55, null),
    ];

    [Fact]
    public void The_score_is_the_sum_of_the_answers_points_in_the_region_column()
    {
        var r = ScoreTables.Score(Table, "2022-2026", ScoreRegion.NorthernMountains, new Dictionary<string, string> { ["q1"] = "b", ["q2"] = "a" });
        Assert.Empty(r.Problems);
        Assert.Equal(65, r.Score);
    }

    [Fact]
    public void A_region_column_not_loaded_gives_no_score_and_says_so()
    {
        var r = ScoreTables.Score(Table, "2022-2026", ScoreRegion.Urban, new Dictionary<string, string> { ["q1"] = "a", ["q2"] = "a" });
        Assert.Null(r.Score);
        Assert.Contains(r.Problems, p => p.Contains("chưa được nạp", StringComparison.Ordinal) && p.Contains("q2", StringComparison.Ordinal));
    }

    [Fact]
    public void An_empty_table_is_reported_as_not_loaded_rather_than_guessed()
    {
        var r = ScoreTables.Score([], "2027-2030", ScoreRegion.RedRiverDelta, new Dictionary<string, string> { ["q1"] = "a" });
        Assert.Null(r.Score);
        Assert.Contains("chưa được nạp", r.Problems.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_questions_unknown_answers_and_missing_answers_are_each_reported()
    {
        var r = ScoreTables.Score(Table, "2022-2026", ScoreRegion.NorthernMountains, new Dictionary<string, string> { ["q1"] = "z", ["q9"] = "a" });
        Assert.Null(r.Score);
        Assert.Equal(3, r.Problems.Count);
        Assert.Contains(r.Problems, p => p.Contains("q9", StringComparison.Ordinal));
        Assert.Contains(r.Problems, p => p.Contains("\"z\"", StringComparison.Ordinal));
        Assert.Contains(r.Problems, p => p.Contains("Chưa trả lời", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("14", ScoreRegion.NorthernMountains)] // Sơn La
    [InlineData("22", ScoreRegion.RedRiverDelta)] // Quảng Ninh
    [InlineData("46", ScoreRegion.CentralCoast)] // Thừa Thiên Huế
    [InlineData("66", ScoreRegion.CentralHighlands)] // Đắk Lắk
    [InlineData("79", ScoreRegion.Southeast)] // TP Hồ Chí Minh
    [InlineData("96", ScoreRegion.MekongDelta)] // Cà Mau
    public void Old_provinces_map_to_their_region(string province, ScoreRegion region) =>
        Assert.Equal(region, ScoreTables.RegionOfOldProvince(province));

    [Fact]
    public void Every_one_of_the_63_old_provinces_has_a_region()
    {
        string[] codes = ["01", "02", "04", "06", "08", "10", "11", "12", "14", "15", "17", "19", "20", "22", "24", "25", "26", "27", "30", "31", "33", "34", "35", "36", "37", "38",
            "40", "42", "44", "45", "46", "48", "49", "51", "52", "54", "56", "58", "60", "62", "64", "66", "67", "68", "70", "72", "74", "75", "77", "79", "80", "82", "83", "84", "86",
            "87", "89", "91", "92", "93", "94", "95", "96"];
        Assert.Equal(63, codes.Length);
        Assert.All(codes, c => Assert.NotNull(ScoreTables.RegionOfOldProvince(c)));
        Assert.Null(ScoreTables.RegionOfOldProvince("99"));
    }

    [Fact]
    public void The_csv_layout_is_read_with_empty_cells_as_not_loaded()
    {
        var rows = ManageScoreTables.ParseCsv(ManageScoreTables.CsvHeader + "\n" + "q1,\"Nhà ở, vật liệu\",a,Kiên cố,10,11,12,13,14,15,\n");
        var row = Assert.Single(rows);
        Assert.Equal("Nhà ở, vật liệu", row.QuestionText);
        Assert.Equal(10, row.Points!["northern_mountains"]);
        Assert.Equal(15, row.Points["mekong_delta"]);
        Assert.Null(row.Points["urban"]);
    }

    [Fact]
    public void A_csv_with_a_wrong_header_or_a_bad_number_is_refused_in_vietnamese()
    {
        Assert.Contains("Dòng đầu", Assert.Throws<InputValidationException>(() => ManageScoreTables.ParseCsv("a,b,c\n")).Errors.Single().Value.Single(), StringComparison.Ordinal);
        var bad = Assert.Throws<InputValidationException>(() => ManageScoreTables.ParseCsv(ManageScoreTables.CsvHeader + "\nq1,x,a,y,mười,1,1,1,1,1,1\n"));
        Assert.Contains("không phải số điểm nguyên", bad.Errors.Single().Value.Single(), StringComparison.Ordinal);
    }
}
