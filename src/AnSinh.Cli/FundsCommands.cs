using System.Globalization;
using AnSinh.Funds.Documents;
using AnSinh.Funds.Funds;
using AnSinh.Funds.Import;
using AnSinh.Funds.Inspection;
using AnSinh.Funds.Ledger;
using AnSinh.Funds.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace AnSinh.Cli;

/// <summary>`ansinh funds …`: the fund board's books from the command line (list, balance, receipt import, report, self-inspection, year closing).</summary>
internal static class FundsCommands
{
    public const string Help = "Dùng: ansinh funds list [--unit CODE] | balance FUND_ID | import FUND_ID FILE.xlsx [--campaign ID] | report FUND_ID|UNIT --year Y [--kind K] [--out FILE.xlsx|FILE.pdf]"
        + " | inspect FUND_ID [--cash N] [--bank N] | close-year FUND_ID --year Y   --as USER";

    public static async Task<int> RunAsync(IServiceProvider root, List<string> positional, Dictionary<string, string> o, TextWriter output)
    {
        if (positional.Count < 2)
        {
            throw new CliException(Help);
        }
        using var scope = root.CreateScope();
        await CliApp.ActAsAsync(scope.ServiceProvider, CliApp.Required(o, "as"));
        var sp = scope.ServiceProvider;
        switch (positional[1])
        {
            case "list":
                {
                    var funds = await sp.GetRequiredService<FundDirectory>().ListAsync(o.GetValueOrDefault("unit"));
                    output.WriteLine($"{"Mã quỹ",-36}  {"Đơn vị",-10} {"Quỹ",-50} {"Số dư (đồng)",20}");
                    foreach (var f in funds)
                    {
                        output.WriteLine($"{f.Id,-36}  {f.UnitCode,-10} {Clip(f.Name, 50),-50} {FundDocuments.Money(f.Balance),20}");
                    }
                    output.WriteLine($"{funds.Count:N0} quỹ.");
                    return 0;
                }
            case "balance":
                {
                    var f = await sp.GetRequiredService<FundDirectory>().GetAsync(FundId(positional));
                    output.WriteLine($"{f.Name} ({f.UnitName}): {FundDocuments.Money(f.Balance)} đồng — tiền mặt {FundDocuments.Money(f.CashBalance)}, ngân hàng {FundDocuments.Money(f.BankBalance)}, hiện vật {FundDocuments.Money(f.GoodsBalance)}; {f.EntryCount:N0} bút toán"
                        + (f.ClosedThrough is { } c ? $"; khóa sổ đến {c:dd/MM/yyyy}" : "") + ".");
                    return 0;
                }
            case "import":
                {
                    if (positional.Count < 4)
                    {
                        throw new CliException("Dùng: ansinh funds import FUND_ID FILE.xlsx [--campaign ID] --as USER");
                    }
                    var path = positional[3];
                    if (!File.Exists(path))
                    {
                        throw new CliException($"Không thấy tệp {path}.");
                    }
                    Guid? campaign = o.TryGetValue("campaign", out var c) ? Guid.TryParse(c, out var g) ? g : throw new CliException($"Mã đợt vận động \"{c}\" không hợp lệ.") : null;
                    await using var file = File.OpenRead(path);
                    var bar = new ProgressBar(output);
                    var result = await sp.GetRequiredService<FundReceiptImport>().RunAsync(FundId(positional), file, campaign, bar);
                    bar.Done();
                    foreach (var e in result.Errors)
                    {
                        output.WriteLine($"  dòng {e.Row}{(e.Column.Length > 0 ? $", cột {e.Column}" : "")}: {e.Message}");
                    }
                    output.WriteLine(result.Message);
                    return result.Errors.Count == 0 ? 0 : 2;
                }
            case "report":
                {
                    if (positional.Count < 3)
                    {
                        throw new CliException("Dùng: ansinh funds report FUND_ID|UNIT --year Y [--out FILE.xlsx|FILE.pdf] --as USER");
                    }
                    int? year = o.TryGetValue("year", out var y) ? int.TryParse(y, CultureInfo.InvariantCulture, out var yy) ? yy : throw new CliException($"Năm \"{y}\" không hợp lệ.") : null;
                    var reports = sp.GetRequiredService<FundReports>();
                    var report = Guid.TryParse(positional[2], out var fundId)
                        ? await reports.ForFundAsync(fundId, year, o.GetValueOrDefault("from"), o.GetValueOrDefault("to"))
                        : await reports.ForSubtreeAsync(positional[2], year, o.GetValueOrDefault("from"), o.GetValueOrDefault("to"), o.GetValueOrDefault("kind"));
                    foreach (var (label, cases, amount) in FundDocuments.Lines(report))
                    {
                        output.WriteLine($"{label,-60} {cases,10} {FundDocuments.Money(amount),22}");
                    }
                    if (!report.Final)
                    {
                        output.WriteLine("Số liệu tạm tính: năm chưa khóa sổ.");
                    }
                    if (o.TryGetValue("out", out var outPath))
                    {
                        var docs = sp.GetRequiredService<FundDocuments>();
                        if (outPath.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase))
                        {
                            await File.WriteAllBytesAsync(outPath, docs.ReportPdf(report));
                        }
                        else
                        {
                            await using var file = File.Create(outPath);
                            await docs.ReportXlsxAsync(file, report, CancellationToken.None);
                        }
                        output.WriteLine($"Đã ghi {outPath}.");
                    }
                    return 0;
                }
            case "inspect":
                {
                    var r = await sp.GetRequiredService<SelfInspection>().InspectAsync(FundId(positional), null, Amount(o, "cash"), Amount(o, "bank"));
                    output.WriteLine($"{r.FundName}: chuỗi {r.Chain.EntriesChecked:N0} bút toán {(r.Chain.Intact ? "nguyên vẹn" : "BỊ SAI LỆCH")}.");
                    foreach (var p in r.Chain.Problems)
                    {
                        output.WriteLine("  " + p);
                    }
                    var rec = r.Reconciliation;
                    output.WriteLine($"Tiền mặt theo sổ {FundDocuments.Money(rec.LedgerCash)}" + (rec.CountedCash is { } cc ? $", kiểm đếm {FundDocuments.Money(cc)}, chênh lệch {FundDocuments.Money(rec.Difference ?? 0)}" : "")
                        + $"; ngân hàng theo sổ {FundDocuments.Money(rec.LedgerBank)}" + (rec.CountedBank is { } cb ? $", sao kê {FundDocuments.Money(cb)}, chênh lệch {FundDocuments.Money(rec.BankDifference ?? 0)}" : "") + ".");
                    foreach (var a in r.Anomalies)
                    {
                        output.WriteLine($"  [{a.Code}] {a.Message}");
                    }
                    output.WriteLine($"{r.Anomalies.Count:N0} điểm bất thường.");
                    var reconciled = (rec.Difference ?? 0) == 0 && (rec.BankDifference ?? 0) == 0;
                    return r.Chain.Intact && reconciled ? 0 : 2;
                }
            case "close-year":
                {
                    int year = int.TryParse(CliApp.Required(o, "year"), CultureInfo.InvariantCulture, out var y) ? y : throw new CliException("Năm không hợp lệ.");
                    var closed = await sp.GetRequiredService<FundLedger>().CloseYearAsync(FundId(positional), year);
                    output.WriteLine($"Đã khóa sổ năm {closed.Year}: đầu năm {FundDocuments.Money(closed.OpeningBalance)}, cuối năm {FundDocuments.Money(closed.ClosingBalance)} đồng, chuyển sang năm {closed.Year + 1}.");
                    return 0;
                }
            default:
                throw new CliException(Help);
        }
    }

    private static Guid FundId(List<string> positional) =>
        positional.Count > 2 && Guid.TryParse(positional[2], out var id) ? id : throw new CliException("Cần mã quỹ (GUID), xem `ansinh funds list`.");

    private static long? Amount(Dictionary<string, string> o, string key) =>
        !o.TryGetValue(key, out var text) ? null
        : long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= 0 ? v
        : throw new CliException($"--{key} phải là số tiền (đồng) không âm.");

    private static string Clip(string s, int n) => s.Length <= n ? s : s[..(n - 1)] + "…";
}
