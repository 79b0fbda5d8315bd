using System.Diagnostics;
using System.Globalization;
using AnSinh.Data;
using AnSinh.Platform.Audit;
using AnSinh.Platform.Errors;
using AnSinh.Platform.Excel;
using AnSinh.Platform.Identity;
using AnSinh.Platform.Jobs;
using AnSinh.Platform.Persistence;
using AnSinh.Registry.Households;
using AnSinh.Registry.Import;
using AnSinh.Registry.Persons;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AnSinh.Cli;

/// <summary>
/// The `ansinh` command. Configuration as for the web app: Database__Provider,
/// ConnectionStrings__Default (environment) or --provider/--connection.
/// </summary>
public static class CliApp
{
    private const string Usage = """
        ansinh – công cụ dòng lệnh của AnSinh

          migrate                                  tạo/cập nhật lược đồ, nạp bản đồ hành chính, tạo tài khoản admin
          seed --province CODE --people N [--seed S]   tạo dữ liệu mẫu (cùng seed cho cùng dữ liệu)
          import FILE.xlsx --as USER [--mode validate|all_or_nothing|valid_only]
          export persons|households FILE.xlsx --as USER [--commune CODE]
          verify-audit                             kiểm tra chuỗi nhật ký; mã thoát 0 khi nguyên vẹn
          users create USER --password P --role ROLE [--scope CODE]
          users reset USER --password P
          poverty classify ROUND_ID --as USER      phân loại lại cả đợt rà soát từ dữ liệu khảo sát (tác vụ nền, chạy đến hết)
          poverty statistics UNIT --date YYYY-MM-DD --as USER [--map then|today] [--out FILE.xlsx]
                                                   danh sách và tỷ lệ hộ nghèo, cận nghèo của xã/huyện/tỉnh
          poverty score-table STANDARD [FILE.csv --source "VĂN BẢN"] --as USER
                                                   xem hoặc nạp bảng điểm phiếu B (7 cột vùng)
          funds list [--unit CODE] --as USER       các quỹ trong phạm vi
          funds balance FUND_ID --as USER          số dư (tiền mặt, ngân hàng, hiện vật)
          funds import FUND_ID FILE.xlsx [--campaign ID] --as USER
                                                   nhập phiếu thu từ .xlsx: tất cả hoặc không phiếu nào
          funds report FUND_ID|UNIT --year Y [--kind K] [--out FILE.xlsx|FILE.pdf] --as USER
                                                   báo cáo thu chi của quỹ, hoặc tổng hợp của địa bàn
          funds inspect FUND_ID [--cash N] [--bank N] --as USER
                                                   tự kiểm tra: chuỗi băm, đối chiếu tiền đếm, bất thường; mã thoát 2 nếu lệch
          funds close-year FUND_ID --year Y --as USER   khóa sổ năm, chuyển số dư sang năm sau
          programs job --commune MÃ_XÃ --date D --kind job|training|labour_export [--work "NƠI LÀM"] --as USER
          programs loan --commune MÃ_XÃ --date D --household MÃ_HỘ --programme poor_household --amount N --term THÁNG --as USER
          programs target --unit MÃ --year Y --indicator jobs_created --value N --as USER   giao chỉ tiêu năm
          programs indicator --unit MÃ --year Y --indicator jobs_created [--period year|half] --as USER
                                                   kết quả, kế hoạch, % kế hoạch (2 chữ số thập phân), còn thiếu
          programs report --unit MÃ --year Y [--period year|half] [--map then|today] [--out FILE.xlsx|FILE.pdf] --as USER
                                                   báo cáo an sinh xã hội 6 tháng/năm (tạm tính hoặc đã phê duyệt)
          programs refresh --province MÃ_TỈNH --year Y --as admin   tổng hợp lại chỉ số của tỉnh (chạy lại được)
          programs housing --household MÃ_HỘ --programme great_unity --kind new_build|repair [--listed D] [--cost N] --as USER
          programs housing-stage WORK_ID --stage approved|started|completed|handed_over --date D --as USER
          benefits pay-relief EVENT_ID --fund FUND_ID --date D [--channel bank] --as USER
                                                   chi tiền trợ giúp khẩn cấp đã quyết định từ quỹ (một phiếu chi, chạy lại không chi trùng)
          calendar list [--year Y] --as USER       lịch nghỉ lễ, Tết dùng để tính thời hạn theo ngày làm việc
          calendar add --date D --kind holiday|compensatory|swap_off|swap_work --name "TÊN" --source "VĂN BẢN" [--provisional] --as admin
          calendar confirm|remove --date D --as admin
          calendar due --from D --days N --as USER ngày cuối của N ngày làm việc
          benefits base-levels --as USER           các mức chuẩn theo thời gian (tạm tính được đánh dấu)
          benefits confirm LEVEL_ID [--amount N] [--source "VĂN BẢN"] --as admin   xác nhận mức tạm tính
          benefits quote-assistance --date D --birth D --clauses 5.5a,5.6 [--disability severe] [--children N] [--province CODE] --as USER
          benefits quote-merit --date D --category martyr_relative|war_invalid|… [--martyrs N] [--percent P] [--severe] --as USER
          benefits payroll --month YYYY-MM (--commune MÃ_XÃ | --province MÃ_TỈNH) --as USER
                                                   lập bảng chi trả hằng tháng (cả tỉnh: tác vụ nền, chạy lại được)
          benefits approve-payroll RUN_ID --as USER    duyệt và khóa bảng chi trả
          benefits payroll-export RUN_ID --out FILE.xlsx|FILE.pdf --as USER
          benefits cards --commune MÃ_XÃ [--date D] --as USER
                                                   người được cấp thẻ BHYT (nhóm quyền lợi cao nhất) và thẻ đang có
          benefits issue-cards --commune MÃ_XÃ --from D [--to D] [--out FILE.xlsx] --as USER
                                                   lập đợt cấp thẻ cho người chưa có thẻ
          benefits cards-expiring --commune MÃ_XÃ [--month YYYY-MM] --as USER   thẻ hết hạn trong tháng (mặc định tháng sau)
          benefits president-gifts --commune MÃ_XÃ --occasion tet|july27 --year Y [--as-of D] [--out FILE.xlsx] --as USER
                                                   danh sách quà của Chủ tịch nước (lập lại được trước khi trao)
          benefits deliver-gifts LIST_ID --date D --as USER   ghi đã trao quà cho mọi người chưa nhận
          benefits relief-event --kind storm|flood|landslide|fire|drought|tet_hunger|other --name "TÊN" --date D --communes C1,C2 --as USER
          benefits relief-case EVENT_ID --household MÃ_HỘ [--months N] [--injured N] [--deaths N] [--house collapsed|relocation|heavily_damaged] --as USER
          benefits decide-relief CASE_ID --number SỐ_QĐ --date D --as USER   Chủ tịch xã quyết định (trong 2 ngày)
          benefits merit-table FILE.csv --table merit|war_invalid --from D --source "Nghị định …, Phụ lục …" --as admin
                                                   nạp bảng mức trợ cấp người có công mới (dòng,mức trợ cấp,phụ cấp)
          benefits dossier-file --national-id SỐ --scheme social_assistance|social_pension [--clauses 5.5c] [--filed D] --as USER
          benefits dossier-review ID --eligible yes|no [--note "…"] [--date D] | dossier-post ID [--from D] --as USER
          benefits dossier-decide ID --approve yes|no --number SỐ_QĐ [--date D] [--reason "…"] --as USER   (sau niêm yết, hết khiếu nại)

        Tuỳ chọn chung: --provider sqlite|postgres  --connection "chuỗi kết nối"
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            output.WriteLine(Usage);
            return args.Length == 0 ? 1 : 0;
        }
        var options = ParseOptions(args, out var positional);
        var config = new ConfigurationBuilder().AddEnvironmentVariables().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = options.GetValueOrDefault("provider"),
            ["ConnectionStrings:Default"] = options.GetValueOrDefault("connection"),
        }.Where(kv => kv.Value is not null)).Build();

        var services = new ServiceCollection();
        services.AddLogging(b => b.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
        services.AddAnSinhCore(config);
        services.AddHttpContextAccessor();
        await using var provider = services.BuildServiceProvider();
        try
        {
            if (positional[0] is not ("migrate" or "seed"))
            {
                await RequireMigratedAsync(provider);
            }
            return positional[0] switch
            {
                "migrate" => await MigrateAsync(provider, config, output),
                "seed" => await SeedAsync(provider, options, output),
                "import" => await ImportAsync(provider, positional, options, output, error),
                "export" => await ExportAsync(provider, positional, options, output),
                "verify-audit" => await VerifyAsync(provider, output, error),
                "users" => await UsersAsync(provider, positional, options, output),
                "poverty" => await PovertyCommands.RunAsync(provider, positional, options, output),
                "funds" => await FundsCommands.RunAsync(provider, positional, options, output),
                "benefits" => await BenefitsCommands.RunAsync(provider, positional, options, output),
                "programs" => await ProgramsCommands.RunAsync(provider, positional, options, output),
                "calendar" => await CalendarCommands.RunAsync(provider, positional, options, output),
                _ => Fail(error, $"Lệnh không rõ: {positional[0]}\n\n{Usage}"),
            };
        }
        catch (InputValidationException ex)
        {
            return Fail(error, "Lỗi: " + string.Join(Environment.NewLine, ex.Errors.SelectMany(e => e.Value)));
        }
        catch (Exception ex) when (ex is RuleViolationException or NotFoundException or XlsxFormatException or CliException)
        {
            return Fail(error, "Lỗi: " + ex.Message);
        }
    }

    private static async Task RequireMigratedAsync(IServiceProvider root)
    {
        using var scope = root.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AnSinhDbContext>();
        if ((await db.Database.GetPendingMigrationsAsync()).Any())
        {
            throw new CliException("Cơ sở dữ liệu chưa được chuẩn bị hoặc cũ hơn phiên bản này: hãy chạy `ansinh migrate` trước.");
        }
    }

    private static async Task<int> MigrateAsync(IServiceProvider root, IConfiguration config, TextWriter output)
    {
        using var scope = root.CreateScope();
        var init = scope.ServiceProvider.GetRequiredService<DatabaseInitializer>();
        await init.MigrateAsync();
        output.WriteLine("Lược đồ cơ sở dữ liệu đã cập nhật.");
        var units = await init.EnsureAdminUnitsAsync();
        output.WriteLine(units > 0 ? $"Đã nạp {units:N0} đơn vị hành chính." : "Bản đồ hành chính đã có.");
        await init.EnsurePovertyStandardsAsync();
        await init.EnsureHolidaysAsync();
        await init.EnsureBenefitParametersAsync();
        var (created, generated) = await init.EnsureAdministratorAsync(config["ANSINH_ADMIN_PASSWORD"]);
        if (created)
        {
            output.WriteLine(generated is null ? "Đã tạo tài khoản admin." : $"Đã tạo tài khoản admin, mật khẩu: {generated}  (chỉ in một lần)");
        }
        return 0;
    }

    private static async Task<int> SeedAsync(IServiceProvider root, Dictionary<string, string> o, TextWriter output)
    {
        var province = Required(o, "province");
        var people = int.Parse(Required(o, "people"), CultureInfo.InvariantCulture);
        var seed = int.Parse(o.GetValueOrDefault("seed", "1"), CultureInfo.InvariantCulture);
        using var scope = root.CreateScope();
        var init = scope.ServiceProvider.GetRequiredService<DatabaseInitializer>();
        await init.MigrateAsync();
        await init.EnsureAdminUnitsAsync();
        var watch = Stopwatch.StartNew();
        var bar = new ProgressBar(output);
        var result = await init.SeedAsync(province, people, seed, (done, total) => bar.Report(done, total, "nhân khẩu"));
        bar.Done();
        output.WriteLine($"Đã tạo {result.Households:N0} hộ, {result.Persons:N0} nhân khẩu, {result.Villages:N0} thôn trong {watch.Elapsed.TotalSeconds:N1} giây.");
        return 0;
    }

    private static async Task<int> ImportAsync(IServiceProvider root, List<string> positional, Dictionary<string, string> o, TextWriter output, TextWriter error)
    {
        if (positional.Count < 2)
        {
            throw new CliException("Cần đường dẫn tệp .xlsx: ansinh import FILE.xlsx --as USER");
        }
        var mode = (o.GetValueOrDefault("mode", "all_or_nothing")) switch
        {
            "validate" => ImportMode.ValidateOnly,
            "valid_only" => ImportMode.ValidOnly,
            "all_or_nothing" => ImportMode.AllOrNothing,
            var m => throw new CliException($"Chế độ \"{m}\" không hợp lệ: validate, all_or_nothing hoặc valid_only."),
        };
        using var scope = root.CreateScope();
        await ActAsAsync(scope.ServiceProvider, Required(o, "as"));
        var import = scope.ServiceProvider.GetRequiredService<HouseholdImport>();
        var path = positional[1];
        if (!File.Exists(path))
        {
            throw new CliException($"Không có tệp {path}.");
        }
        var watch = Stopwatch.StartNew();
        await using var file = File.OpenRead(path);
        var bar = new ProgressBar(output);
        var result = await import.RunAsync(file, mode, bar);
        bar.Done();
        output.WriteLine(result.Summary + $" ({watch.Elapsed.TotalSeconds:N1} giây)");
        foreach (var e in result.Errors.Take(50))
        {
            error.WriteLine($"Dòng {e.Row}, cột {e.Column}: {e.Message}");
        }
        if (result.ErrorCount > 50)
        {
            error.WriteLine($"… và {result.ErrorCount - 50:N0} lỗi khác.");
        }
        return result.ErrorCount == 0 ? 0 : 2;
    }

    private static async Task<int> ExportAsync(IServiceProvider root, List<string> positional, Dictionary<string, string> o, TextWriter output)
    {
        if (positional.Count < 3 || positional[1] is not ("persons" or "households"))
        {
            throw new CliException("Dùng: ansinh export persons|households FILE.xlsx --as USER [--commune CODE]");
        }
        using var scope = root.CreateScope();
        await ActAsAsync(scope.ServiceProvider, Required(o, "as"));
        var export = scope.ServiceProvider.GetRequiredService<RegistryExport>();
        await using var file = File.Create(positional[2]);
        var commune = o.GetValueOrDefault("commune");
        if (positional[1] == "persons")
        {
            await export.PersonsAsync(new PersonFilter { CommuneCode = commune }, file, CancellationToken.None);
        }
        else
        {
            await export.HouseholdsAsync(new HouseholdFilter { CommuneCode = commune }, file, CancellationToken.None);
        }
        output.WriteLine($"Đã ghi {positional[2]}.");
        return 0;
    }

    private static async Task<int> VerifyAsync(IServiceProvider root, TextWriter output, TextWriter error)
    {
        using var scope = root.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AnSinhDbContext>();
        var result = await AuditChain.VerifyAsync(db.AuditEvents);
        (result.Intact ? output : error).WriteLine(result.Message);
        return result.Intact ? 0 : 3;
    }

    private static async Task<int> UsersAsync(IServiceProvider root, List<string> positional, Dictionary<string, string> o, TextWriter output)
    {
        if (positional.Count < 3)
        {
            throw new CliException("Dùng: ansinh users create|reset USER --password P [--role ROLE --scope CODE]");
        }
        using var scope = root.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var db = scope.ServiceProvider.GetRequiredService<AnSinhDbContext>();
        var name = positional[2];
        var password = Required(o, "password");
        switch (positional[1])
        {
            case "create":
                var role = Roles.Parse(Required(o, "role")) ?? throw new CliException("Vai trò phải là administrator, officer, approver, fund_board, inspector hoặc viewer.");
                var scopeCode = o.GetValueOrDefault("scope");
                if (scopeCode is not null && (await scope.ServiceProvider.GetRequiredService<AnSinh.Platform.Scoping.ScopeResolver>().ResolveAsync(scopeCode)).Kind == AnSinh.Platform.Scoping.ScopeKind.Nothing)
                {
                    throw new CliException($"Mã đơn vị \"{scopeCode}\" không phải tỉnh hoặc xã của bản đồ hiện hành.");
                }
                var user = new AppUser { UserName = name, Role = role, ScopeUnitCode = scopeCode, LockoutEnabled = true };
                Check(await users.CreateAsync(user, password));
                db.Audit("user.create", "user", user.Id.ToString(), scopeCode, after: new { user.UserName, role = Roles.Code(role), scope = scopeCode, channel = "cli" });
                await db.SaveChangesAsync();
                output.WriteLine($"Đã tạo người dùng {name} ({Roles.VietnameseName(role)}, phạm vi {scopeCode ?? "toàn quốc"}).");
                return 0;
            case "reset":
                var existing = await users.FindByNameAsync(name) ?? throw new CliException($"Không có người dùng {name}.");
                var token = await users.GeneratePasswordResetTokenAsync(existing);
                Check(await users.ResetPasswordAsync(existing, token, password));
                await users.SetLockoutEndDateAsync(existing, null);
                await users.ResetAccessFailedCountAsync(existing);
                Check(await users.UpdateSecurityStampAsync(existing)); // every cookie and token issued before stops working
                db.Audit("user.reset_password", "user", existing.Id.ToString(), existing.ScopeUnitCode, after: new { channel = "cli" });
                await db.SaveChangesAsync();
                output.WriteLine($"Đã đặt lại mật khẩu và mở khoá cho {name}; các phiên đăng nhập cũ hết hiệu lực.");
                return 0;
            default:
                throw new CliException($"Lệnh users không rõ: {positional[1]}");
        }
    }

    private static void Check(IdentityResult r)
    {
        if (!r.Succeeded)
        {
            throw new CliException(string.Join("; ", r.Errors.Select(e => e.Description)));
        }
    }

    /// <summary>Work from the CLI acts as a named user, with that user's role and place scope.</summary>
    internal static async Task ActAsAsync(IServiceProvider scoped, string userName)
    {
        var holder = scoped.GetRequiredService<ActorHolder>();
        holder.Actor = new SystemActor("cli-lookup");
        var users = scoped.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByNameAsync(userName) ?? throw new CliException($"Không có người dùng {userName}.");
        holder.Actor = new FixedActor(user.Id, user.UserName!, user.Role, user.ScopeUnitCode);
    }

    private static Dictionary<string, string> ParseOptions(string[] args, out List<string> positional)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        positional = [];
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                var key = args[i][2..];
                options[key] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
            }
            else
            {
                positional.Add(args[i]);
            }
        }
        return options;
    }

    internal static string Required(Dictionary<string, string> o, string key) =>
        o.TryGetValue(key, out var v) ? v : throw new CliException($"Thiếu tuỳ chọn --{key}.");

    private static int Fail(TextWriter error, string message)
    {
        error.WriteLine(message);
        return 1;
    }
}

public sealed class CliException(string message) : Exception(message);

/// <summary>A text progress bar for long commands.</summary>
internal sealed class ProgressBar(TextWriter output) : IJobProgress
{
    private long _last = -1;

    public void Report(long done, long total, string unit)
    {
        var now = Environment.TickCount64;
        if (_last >= 0 && now - _last < 200)
        {
            return;
        }
        _last = now;
        if (total > 0)
        {
            var pct = (int)Math.Min(100, done * 100 / total);
            output.Write($"\r[{new string('#', pct / 5),-20}] {pct,3}%  {done:N0}/{total:N0} {unit}   ");
        }
        else
        {
            output.Write($"\r{done:N0} {unit}…   ");
        }
    }

    public Task ReportAsync(long done, long total, string? message = null)
    {
        Report(done, total, message is null ? "dòng" : $"dòng · {message}");
        return Task.CompletedTask;
    }

    public void Done() => output.WriteLine();
}
