using System.Globalization;
using AnSinh.Platform.Calendar;
using AnSinh.Platform.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace AnSinh.Cli;

/// <summary>`ansinh calendar …`: the public-holiday calendar the working-day deadlines use.</summary>
internal static class CalendarCommands
{
    public const string Help = "Dùng: ansinh calendar list [--year Y] | add --date D --kind holiday|compensatory|swap_off|swap_work --name \"TÊN\" --source \"VĂN BẢN\" [--provisional]"
        + " | confirm --date D [--source \"VĂN BẢN\"] | remove --date D | due --from D --days N   --as USER";

    public static async Task<int> RunAsync(IServiceProvider root, List<string> positional, Dictionary<string, string> o, TextWriter output)
    {
        if (positional.Count < 2)
        {
            throw new CliException(Help);
        }
        using var scope = root.CreateScope();
        await CliApp.ActAsAsync(scope.ServiceProvider, CliApp.Required(o, "as"));
        var calendars = scope.ServiceProvider.GetRequiredService<WorkCalendars>();
        switch (positional[1])
        {
            case "list":
                {
                    int? year = o.TryGetValue("year", out var y) ? int.TryParse(y, CultureInfo.InvariantCulture, out var n) ? n : throw new CliException("--year phải là số.") : null;
                    foreach (var h in await calendars.ListAsync(year))
                    {
                        output.WriteLine($"{h.Date:dd/MM/yyyy}  {h.KindName,-18} {h.Name}{(h.Provisional ? " (tạm tính)" : "")} — {h.Source}");
                    }
                    foreach (var row in await calendars.YearsAsync())
                    {
                        output.WriteLine($"Năm {row.Year}: {row.Rows} dòng, {row.WorkingDays} ngày làm việc{(row.Provisional > 0 ? $", {row.Provisional} dòng tạm tính" : "")}.");
                    }
                    return 0;
                }
            case "add":
                {
                    var h = await calendars.AddAsync(new HolidayInput(Date(o, "date"), CliApp.Required(o, "kind"), CliApp.Required(o, "name"), CliApp.Required(o, "source"), o.ContainsKey("provisional")));
                    output.WriteLine($"Đã thêm {h.Date:dd/MM/yyyy}: {h.KindName} – {h.Name}.");
                    return 0;
                }
            case "confirm":
                {
                    var h = await calendars.ConfirmAsync(await IdAsync(scope.ServiceProvider, Date(o, "date")), o.GetValueOrDefault("source"));
                    output.WriteLine($"Đã xác nhận {h.Date:dd/MM/yyyy}: {h.Name}.");
                    return 0;
                }
            case "remove":
                {
                    var date = Date(o, "date");
                    await calendars.RemoveAsync(await IdAsync(scope.ServiceProvider, date));
                    output.WriteLine($"Đã xoá {date:dd/MM/yyyy} khỏi lịch.");
                    return 0;
                }
            case "due":
                {
                    var from = Date(o, "from");
                    var days = int.TryParse(CliApp.Required(o, "days"), CultureInfo.InvariantCulture, out var d) && d is >= 1 and <= 365 ? d : throw new CliException("--days phải là số từ 1 đến 365.");
                    var calendar = await scope.ServiceProvider.GetRequiredService<AnSinhDbContext>().WorkCalendarAsync();
                    var end = calendar.AddWorkingDays(from, days);
                    output.WriteLine($"{days} ngày làm việc từ {from:dd/MM/yyyy}: đến hết {end:dd/MM/yyyy}."
                        + (calendar.Covers(from.Year) && calendar.Covers(end.Year) ? "" : " (chưa có lịch nghỉ lễ của năm này: chỉ trừ thứ Bảy, Chủ nhật)"));
                    return 0;
                }
            default:
                throw new CliException(Help);
        }
    }

    private static async Task<int> IdAsync(IServiceProvider sp, DateOnly date) =>
        (await sp.GetRequiredService<WorkCalendars>().ListAsync(date.Year)).FirstOrDefault(h => h.Date == date)?.Id
            ?? throw new CliException($"Ngày {date:dd/MM/yyyy} không có trong lịch nghỉ.");

    private static DateOnly Date(Dictionary<string, string> o, string key) =>
        DateOnly.TryParseExact(CliApp.Required(o, key), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : throw new CliException($"--{key} phải có dạng YYYY-MM-DD.");
}
