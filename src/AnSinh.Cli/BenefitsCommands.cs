using System.Globalization;
using AnSinh.Benefits.Parameters;
using AnSinh.Benefits.Quotes;
using Microsoft.Extensions.DependencyInjection;

namespace AnSinh.Cli;

/// <summary>`ansinh benefits …`: the dated base levels (list, confirm a provisional one) and the calculators' quotes.</summary>
internal static class BenefitsCommands
{
    public const string Help = "Dùng: ansinh benefits base-levels | confirm LEVEL_ID [--amount N] [--source \"VĂN BẢN\"]"
        + " | quote-assistance --date D --birth D --clauses 5.5a,5.6 [--disability severe] [--children N] | quote-merit --date D --category C [--martyrs N] [--percent P]   --as USER";

    public static async Task<int> RunAsync(IServiceProvider root, List<string> positional, Dictionary<string, string> o, TextWriter output)
    {
        if (positional.Count < 2)
        {
            throw new CliException(Help);
        }
        using var scope = root.CreateScope();
        await CliApp.ActAsAsync(scope.ServiceProvider, CliApp.Required(o, "as"));
        var p = scope.ServiceProvider.GetRequiredService<BenefitParameters>();
        switch (positional[1])
        {
            case "base-levels":
                foreach (var b in await p.ListAsync())
                {
                    output.WriteLine($"{b.Id,4}  {b.Scheme,-18} {b.ProvinceCode ?? "toàn quốc",-10} {b.Amount,12:N0}  {b.ValidFrom:dd/MM/yyyy}–{b.ValidTo?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? "",-10} {(b.Provisional ? "TẠM TÍNH " : "")}{b.Source}");
                }
                return 0;
            case "confirm":
                {
                    if (positional.Count < 3 || !int.TryParse(positional[2], CultureInfo.InvariantCulture, out var id))
                    {
                        throw new CliException("Dùng: ansinh benefits confirm LEVEL_ID [--amount N] [--source \"VĂN BẢN\"] --as USER");
                    }
                    long? amount = o.TryGetValue("amount", out var a) ? long.TryParse(a, CultureInfo.InvariantCulture, out var v) ? v : throw new CliException("--amount phải là số đồng.") : null;
                    var b = await p.ConfirmAsync(id, new ConfirmRequest(amount, o.GetValueOrDefault("source")));
                    output.WriteLine($"Đã xác nhận mức {b.Amount:N0} đồng từ {b.ValidFrom:dd/MM/yyyy} ({b.Source}).");
                    return 0;
                }
            case "quote-assistance":
                {
                    var q = await p.QuoteAssistanceAsync(new AssistanceQuoteRequest(Date(o, "date"), Date(o, "birth"),
                        CliApp.Required(o, "clauses").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList(),
                        o.GetValueOrDefault("disability"), o.TryGetValue("children", out var c) && int.TryParse(c, CultureInfo.InvariantCulture, out var n) ? n : null, o.GetValueOrDefault("province")));
                    Print(q, output);
                    return 0;
                }
            case "quote-merit":
                {
                    int? Int(string key) => o.TryGetValue(key, out var s) ? int.TryParse(s, CultureInfo.InvariantCulture, out var n) ? n : throw new CliException($"--{key} phải là số.") : null;
                    var q = await p.QuoteMeritAsync(new MeritQuoteRequest(Date(o, "date"), CliApp.Required(o, "category"), Int("martyrs"), Int("percent"), o.ContainsKey("severe"), Int("years")));
                    Print(q, output);
                    return 0;
                }
            default:
                throw new CliException(Help);
        }
    }

    private static DateOnly Date(Dictionary<string, string> o, string key) =>
        DateOnly.TryParseExact(CliApp.Required(o, key), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : throw new CliException($"--{key} phải có dạng YYYY-MM-DD.");

    private static void Print(Quote q, TextWriter output)
    {
        foreach (var part in q.Parts)
        {
            output.WriteLine($"  {part.Label,-70} {part.Amount,12:N0}");
        }
        output.WriteLine($"Mỗi tháng: {q.MonthlyAmount:N0} đồng{(q.BaseLevelProvisional ? " (mức chuẩn tạm tính)" : "")}");
        output.WriteLine(q.Explanation);
    }
}
