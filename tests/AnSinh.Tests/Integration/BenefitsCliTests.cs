using AnSinh.Cli;
using AnSinh.Tests.Infrastructure;

namespace AnSinh.Tests.Integration;

/// <summary>`ansinh benefits …` against the test app's database of each engine.</summary>
public sealed class BenefitsCliTests
{
    private static async Task<(int Code, string Output)> Run(params string[] args)
    {
        var output = new StringWriter();
        var code = await CliApp.RunAsync(args, output, output);
        return (code, output.ToString());
    }

    private static string Digits(string s) => s.Replace(",", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task Base_levels_and_quotes_from_the_command_line(string engine)
    {
        var app = TestApp.For(engine);
        using var started = await app.AdminAsync();
        string[] db = ["--provider", engine, "--connection", TestApp.ConnectionFor(engine), "--as", "admin"];

        var levels = await Run(["benefits", "base-levels", .. db]);
        Assert.True(levels.Code == 0, levels.Output);
        Assert.Contains("76/2024", levels.Output, StringComparison.Ordinal);
        Assert.Contains("TẠM TÍNH", levels.Output, StringComparison.Ordinal);

        var elderly = await Run(["benefits", "quote-assistance", "--date", "2024-08-15", "--birth", "1944-08-15", "--clauses", "5.5a", .. db]);
        Assert.True(elderly.Code == 0, elderly.Output);
        Assert.Contains("Mỗi tháng: 1000000", Digits(elderly.Output), StringComparison.Ordinal);

        var invalid = await Run(["benefits", "quote-merit", "--date", "2025-01-01", "--category", "war_invalid", "--percent", "41", .. db]);
        Assert.True(invalid.Code == 0, invalid.Output);
        Assert.Contains("Mỗi tháng: 3667000", Digits(invalid.Output), StringComparison.Ordinal);

        var refused = await Run(["benefits", "quote-assistance", "--date", "2025-01-01", "--birth", "1990-01-01", "--clauses", "5.6", .. db]);
        Assert.NotEqual(0, refused.Code);
        Assert.Contains("mức độ khuyết tật", refused.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, (await Run(["benefits", "quote-merit", "--date", "01/01/2025", "--category", "hero", .. db])).Code);
    }
}
