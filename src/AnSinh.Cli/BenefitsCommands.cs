using System.Globalization;
using System.Text.Json;
using AnSinh.Benefits.Dossiers;
using AnSinh.Benefits.HealthCards;
using AnSinh.Benefits.Parameters;
using AnSinh.Benefits.Payroll;
using AnSinh.Benefits.PresidentGifts;
using AnSinh.Benefits.Quotes;
using AnSinh.Benefits.Relief;
using AnSinh.Platform.Jobs;
using AnSinh.Platform.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace AnSinh.Cli;

/// <summary>`ansinh benefits …`: the dated base levels (list, confirm a provisional one) and the calculators' quotes.</summary>
internal static class BenefitsCommands
{
    public const string Help = "Dùng: ansinh benefits base-levels | confirm LEVEL_ID [--amount N] [--source \"VĂN BẢN\"]"
        + " | payroll --month YYYY-MM (--commune MÃ_XÃ | --province MÃ_TỈNH) | approve-payroll RUN_ID | payroll-export RUN_ID --out FILE.xlsx|.pdf"
        + " | cards --commune MÃ_XÃ [--date D] | issue-cards --commune MÃ_XÃ --from D [--to D] [--out FILE.xlsx] | cards-expiring --commune MÃ_XÃ [--month YYYY-MM]"
        + " | president-gifts --commune MÃ_XÃ --occasion tet|july27 --year Y [--as-of D] [--out FILE.xlsx] | deliver-gifts LIST_ID --date D"
        + " | relief-event --kind flood --name \"TÊN\" --date D --communes C1,C2 | relief-case EVENT_ID --household MÃ_HỘ [--commune MÃ_XÃ] [--months N] [--injured N] [--deaths N] [--house collapsed|relocation|heavily_damaged]"
        + " | decide-relief CASE_ID --number SỐ_QĐ --date D | pay-relief EVENT_ID --fund FUND_ID --date D [--channel cash|bank] [--approved-by NGƯỜI_DÙNG (người duyệt chi, khác người chi)]"
        + " | merit-table FILE.csv --table merit|war_invalid --from D --source \"VĂN BẢN\" | dossier-file --national-id SỐ --scheme social_assistance|social_pension [--clauses 5.5c] [--disability severe] [--filed D] | dossiers [--commune MÃ_XÃ]"
        + " | dossier-review ID --eligible yes|no [--note \"…\"] [--date D] | dossier-post ID [--from D] | dossier-decide ID --approve yes|no --number SỐ_QĐ [--date D] [--reason \"…\"]"
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
            case "payroll":
                {
                    var month = CliApp.Required(o, "month");
                    if (o.TryGetValue("province", out var province))
                    {
                        // The same job as the web's, recorded on the job page, run here to its end; approved communes are left as they are.
                        var db = scope.ServiceProvider.GetRequiredService<AnSinhDbContext>();
                        var job = await JobStore.CreateAsync(db, PayrollJob.JobKind, JsonSerializer.Serialize(new PayrollJob.Payload(province.Trim(), month)), CancellationToken.None);
                        var bar = new ProgressBar(output);
                        await JobStore.RunAsync(scope.ServiceProvider, job.Id, bar, CancellationToken.None);
                        bar.Done();
                        await using var check = await scope.ServiceProvider.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<AnSinhDbContext>>().CreateDbContextAsync();
                        var done = await check.Jobs.FindAsync(job.Id) ?? throw new CliException("Không thấy tác vụ.");
                        if (done.Status != JobStatus.Succeeded)
                        {
                            throw new CliException(done.Message ?? "Tác vụ không thành công.");
                        }
                        var r = JsonSerializer.Deserialize<PayrollJob.Result>(done.Result ?? "{}")!;
                        output.WriteLine($"Tỉnh {province} tháng {month}: {r.Computed:N0} xã đã lập, {r.Frozen:N0} xã đã khóa từ trước; {r.People:N0} người, {r.Total:N0} đồng; {r.Adjustments:N0} khoản truy lĩnh/truy thu; {r.Withheld:N0} trường hợp không chi.");
                        return 0;
                    }
                    var run = await scope.ServiceProvider.GetRequiredService<Payrolls>().ComputeAsync(new PayrollRequest(CliApp.Required(o, "commune"), month));
                    PrintRun(run, output);
                    return 0;
                }
            case "approve-payroll":
                {
                    var run = await scope.ServiceProvider.GetRequiredService<Payrolls>().ApproveAsync(RunId(positional));
                    PrintRun(run, output);
                    return 0;
                }
            case "payroll-export":
                {
                    var id = RunId(positional);
                    var path = CliApp.Required(o, "out");
                    var docs = scope.ServiceProvider.GetRequiredService<PayrollDocuments>();
                    if (path.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase))
                    {
                        await File.WriteAllBytesAsync(path, await docs.PdfAsync(id, CancellationToken.None));
                    }
                    else if (path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
                    {
                        await using var file = File.Create(path);
                        await docs.XlsxAsync(file, id, CancellationToken.None);
                    }
                    else
                    {
                        throw new CliException("--out phải là tệp .xlsx hoặc .pdf.");
                    }
                    output.WriteLine($"Đã ghi {path}.");
                    return 0;
                }
            case "cards":
                {
                    var list = await scope.ServiceProvider.GetRequiredService<HealthCards>().EntitledAsync(CliApp.Required(o, "commune"), o.ContainsKey("date") ? Date(o, "date") : null);
                    foreach (var person in list.Persons)
                    {
                        var card = person.Card is { } c ? $"{c.CardNumber} {c.ValidFrom:dd/MM/yyyy}–{c.ValidTo:dd/MM/yyyy}" : person.HasNationalId ? "chưa có thẻ" : "chưa có thẻ, thiếu số định danh";
                        output.WriteLine($"{person.FullName,-32} {person.BirthYear}  {person.GroupName,-40} {card}");
                    }
                    output.WriteLine($"{list.CommuneName} ngày {list.Date:dd/MM/yyyy}: {list.People:N0} người được cấp thẻ; {list.WithCard:N0} đã có thẻ, {list.WithoutCard:N0} chưa có.");
                    return 0;
                }
            case "issue-cards":
                {
                    var cards = scope.ServiceProvider.GetRequiredService<HealthCards>();
                    var batch = await cards.IssueAsync(new CardBatchRequest(CliApp.Required(o, "commune"), Date(o, "from"), o.ContainsKey("to") ? Date(o, "to") : null, null));
                    foreach (var s in batch.Skipped)
                    {
                        output.WriteLine($"  chưa cấp: {s.FullName} — {s.Reason}");
                    }
                    output.WriteLine($"{batch.Id}  {batch.CommuneName}: đã cấp {batch.Cards:N0} thẻ giá trị {batch.ValidFrom:dd/MM/yyyy}–{batch.ValidTo:dd/MM/yyyy}; ngân sách đóng {batch.StateCost:N0} đồng.");
                    if (o.TryGetValue("out", out var path))
                    {
                        await using var file = File.Create(path);
                        await scope.ServiceProvider.GetRequiredService<CardDocuments>().XlsxAsync(file, batch.Id, CancellationToken.None);
                        output.WriteLine($"Đã ghi {path}.");
                    }
                    return 0;
                }
            case "cards-expiring":
                {
                    var list = await scope.ServiceProvider.GetRequiredService<HealthCards>().ExpiringAsync(CliApp.Required(o, "commune"), o.GetValueOrDefault("month"));
                    foreach (var e in list.Cards)
                    {
                        output.WriteLine($"{e.Card.FullName,-32} {e.Card.CardNumber,-18} hết hạn {e.Card.ValidTo:dd/MM/yyyy}  {e.Note}");
                    }
                    output.WriteLine($"Tháng {list.Month}: {list.Cards.Count:N0} thẻ hết hạn chưa được cấp lại.");
                    return 0;
                }
            case "president-gifts":
                {
                    var gifts = scope.ServiceProvider.GetRequiredService<PresidentGiftLists>();
                    var year = int.TryParse(CliApp.Required(o, "year"), CultureInfo.InvariantCulture, out var y) ? y : throw new CliException("--year phải là số năm.");
                    var list = await gifts.ComputeAsync(new GiftListRequest(CliApp.Required(o, "commune"), CliApp.Required(o, "occasion"), year, o.ContainsKey("as-of") ? Date(o, "as-of") : null));
                    var (_, lines) = await gifts.GetAsync(list.Id);
                    foreach (var l in lines)
                    {
                        output.WriteLine($"{l.FullName,-32} {l.Amount,10:N0}  {l.Basis}");
                    }
                    output.WriteLine($"{list.Id}  {list.CommuneName}, quà {list.OccasionName} {list.Year}: {list.People:N0} suất, tổng {list.Total:N0} đồng.");
                    if (o.TryGetValue("out", out var path))
                    {
                        await using var file = File.Create(path);
                        await gifts.XlsxAsync(file, list.Id, CancellationToken.None);
                        output.WriteLine($"Đã ghi {path}.");
                    }
                    return 0;
                }
            case "deliver-gifts":
                {
                    var id = positional.Count >= 3 && Guid.TryParse(positional[2], out var g) ? g : throw new CliException("Cần mã danh sách quà (LIST_ID, dạng GUID).");
                    var done = await scope.ServiceProvider.GetRequiredService<PresidentGiftLists>().DeliverAsync(id, new DeliveryRequest(Date(o, "date"), null));
                    output.WriteLine($"Đã ghi trao {done.People:N0} suất quà, {done.Amount:N0} đồng.");
                    return 0;
                }
            case "relief-event":
                {
                    var e = await scope.ServiceProvider.GetRequiredService<EmergencyRelief>().CreateEventAsync(new ReliefEventRequest(CliApp.Required(o, "kind"), CliApp.Required(o, "name"),
                        Date(o, "date"), CliApp.Required(o, "communes").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList()));
                    output.WriteLine($"{e.Id}  {e.Name} ({e.KindName}) ngày {e.OccurredOn:dd/MM/yyyy}, vùng {string.Join(", ", e.CommuneCodes)}.");
                    return 0;
                }
            case "relief-case":
                {
                    var eventId = positional.Count >= 3 && Guid.TryParse(positional[2], out var ev) ? ev : throw new CliException("Cần mã sự kiện (EVENT_ID, dạng GUID).");
                    int? Int(string key) => o.TryGetValue(key, out var v) ? int.TryParse(v, CultureInfo.InvariantCulture, out var n) ? n : throw new CliException($"--{key} phải là số.") : null;
                    var household = CliApp.Required(o, "household");
                    var c = await scope.ServiceProvider.GetRequiredService<EmergencyRelief>().ProposeAsync(eventId, new ReliefCaseRequest(
                        Guid.TryParse(household, out var hid) ? hid : null, Int("months"), Int("injured"), Int("deaths"), o.GetValueOrDefault("house"), Guid.TryParse(household, out _) ? null : household,
                        o.GetValueOrDefault("commune")));
                    output.WriteLine($"{c.Id}  hộ {c.HeadName}: gạo {c.RiceKg:0.##} kg, tiền {c.Cash:N0} đồng; quyết định trước {c.DecideBy:dd/MM/yyyy}.");
                    output.WriteLine(c.Explanation);
                    return 0;
                }
            case "decide-relief":
                {
                    var caseId = positional.Count >= 3 && Guid.TryParse(positional[2], out var cid) ? cid : throw new CliException("Cần mã hồ sơ (CASE_ID, dạng GUID).");
                    var c = await scope.ServiceProvider.GetRequiredService<EmergencyRelief>().DecideAsync(caseId, new ReliefDecisionRequest(CliApp.Required(o, "number"), Date(o, "date")));
                    output.WriteLine($"Đã quyết định hỗ trợ hộ {c.HeadName} (số {c.DecisionNumber}, ngày {c.DecidedOn:dd/MM/yyyy}){(c.Late ? " — QUÁ HẠN 2 NGÀY" : "")}.");
                    return 0;
                }
            case "pay-relief":
                {
                    var eventId = positional.Count >= 3 && Guid.TryParse(positional[2], out var ev) ? ev : throw new CliException("Cần mã sự kiện (EVENT_ID, dạng GUID).");
                    var fundId = Guid.TryParse(CliApp.Required(o, "fund"), out var f) ? f : throw new CliException("--fund phải là mã quỹ (GUID).");
                    var paid = await scope.ServiceProvider.GetRequiredService<EmergencyRelief>().PayFromFundAsync(eventId,
                        new ReliefFundPaymentRequest(fundId, Date(o, "date"), o.GetValueOrDefault("channel"), null, o.GetValueOrDefault("approved-by")));
                    output.WriteLine($"Đã chi {paid.Amount:N0} đồng cho {paid.Cases} hộ, phiếu chi {paid.VoucherNumber}{(paid.Replayed ? " (đã ghi từ trước)" : "")}; số dư quỹ {paid.FundBalance:N0} đồng.");
                    return 0;
                }
            case "merit-table":
                {
                    // A decree's appendix as CSV: row,allowance,supplement[,per_year] (amounts in đồng; empty where the decree gives none).
                    if (positional.Count < 3 || !File.Exists(positional[2]))
                    {
                        throw new CliException("Dùng: ansinh benefits merit-table FILE.csv --table merit|war_invalid --from YYYY-MM-DD --source \"Nghị định …, Phụ lục …\" --as admin");
                    }
                    var rows = new List<MeritRowRequest>();
                    var lines = await File.ReadAllLinesAsync(positional[2]);
                    for (var i = 1; i < lines.Length; i++)
                    {
                        if (string.IsNullOrWhiteSpace(lines[i]))
                        {
                            continue;
                        }
                        var f = lines[i].Split(',');
                        long? Money(int k) => f.Length <= k || f[k].Trim().Length == 0 ? null
                            : long.TryParse(f[k].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : throw new CliException($"Dòng {i + 1}: \"{f[k]}\" không phải số đồng.");
                        rows.Add(new MeritRowRequest(f[0].Trim(), Money(1), Money(2), f.Length > 3 && f[3].Trim() is "yes" or "true" or "per_year"));
                    }
                    var count = await p.AddMeritTableAsync(new MeritTableRequest(CliApp.Required(o, "table"), Date(o, "from"), CliApp.Required(o, "source"), rows));
                    output.WriteLine($"Đã nạp {count} dòng bảng {o["table"]} áp dụng từ {Date(o, "from"):dd/MM/yyyy}; bảng trước đó khép lại ngày hôm trước.");
                    return 0;
                }
            case "dossier-file":
                {
                    var d = await scope.ServiceProvider.GetRequiredService<AssistanceDossiers>().FileAsync(new DossierRequest(null, CliApp.Required(o, "national-id"), CliApp.Required(o, "scheme"),
                        o.GetValueOrDefault("clauses")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList(), o.GetValueOrDefault("disability"), null, null, null,
                        o.ContainsKey("filed") ? Date(o, "filed") : null));
                    PrintDossier(d, output);
                    return 0;
                }
            case "dossiers":
                foreach (var d in await scope.ServiceProvider.GetRequiredService<AssistanceDossiers>().ListAsync(o.GetValueOrDefault("commune")))
                {
                    PrintDossier(d, output);
                }
                return 0;
            case "dossier-review":
                {
                    var d = await scope.ServiceProvider.GetRequiredService<AssistanceDossiers>().ReviewAsync(DossierId(positional),
                        new DossierReviewRequest(YesNo(o, "eligible"), o.GetValueOrDefault("note"), o.ContainsKey("date") ? Date(o, "date") : null));
                    PrintDossier(d, output);
                    return 0;
                }
            case "dossier-post":
                {
                    var d = await scope.ServiceProvider.GetRequiredService<AssistanceDossiers>().PostAsync(DossierId(positional), new DossierPostingRequest(o.ContainsKey("from") ? Date(o, "from") : null));
                    PrintDossier(d, output);
                    return 0;
                }
            case "dossier-decide":
                {
                    var d = await scope.ServiceProvider.GetRequiredService<AssistanceDossiers>().DecideAsync(DossierId(positional),
                        new DossierDecisionRequest(YesNo(o, "approve"), CliApp.Required(o, "number"), o.ContainsKey("date") ? Date(o, "date") : null, o.GetValueOrDefault("reason")));
                    PrintDossier(d, output);
                    return 0;
                }
            default:
                throw new CliException(Help);
        }
    }

    private static Guid DossierId(List<string> positional) =>
        positional.Count >= 3 && Guid.TryParse(positional[2], out var id) ? id : throw new CliException("Cần mã hồ sơ (ID, dạng GUID).");

    private static bool YesNo(Dictionary<string, string> o, string key) => CliApp.Required(o, key).Trim().ToLowerInvariant() switch
    {
        "yes" or "true" or "co" => true,
        "no" or "false" or "khong" => false,
        _ => throw new CliException($"--{key} phải là yes hoặc no."),
    };

    private static void PrintDossier(DossierView d, TextWriter output) =>
        output.WriteLine($"{d.Id}  {d.FullName} ({d.CommuneCode}) {d.Scheme} {d.Clauses}: {d.Status}; nộp {d.FiledOn:dd/MM/yyyy}, hạn xem xét {d.ReviewDueOn:dd/MM/yyyy}"
            + (d.PostedTo is { } to ? $"; niêm yết đến {to:dd/MM/yyyy}" : "") + (d.EntitledFrom is { } from ? $"; hưởng từ tháng {from:MM/yyyy}" : "")
            + (d.RejectionReason is { } why ? $"; lý do: {why}" : "") + ".");

    private static Guid RunId(List<string> positional) =>
        positional.Count >= 3 && Guid.TryParse(positional[2], out var id) ? id : throw new CliException("Cần mã bảng chi trả (RUN_ID, dạng GUID).");

    private static void PrintRun(PayrollRunView r, TextWriter output) =>
        output.WriteLine($"{r.Id}  {r.CommuneName} ({r.CommuneCode}) tháng {r.Month}: {(r.Status == "approved" ? "ĐÃ DUYỆT" : "nháp")}; {r.People:N0} người, tổng {r.Total:N0} đồng (truy lĩnh {r.Arrears:N0}, truy thu {r.Recoveries:N0}); không chi {r.Withheld:N0}.");

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
