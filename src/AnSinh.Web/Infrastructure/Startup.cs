using System.Diagnostics;
using AnSinh.Data;

namespace AnSinh.Web.Infrastructure;

/// <summary>First start: schema, both maps, the administrator, demo data. A second start only checks.</summary>
internal static class Startup
{
    public static async Task InitializeAsync(IServiceProvider services, IConfiguration config, TextWriter output)
    {
        var watch = Stopwatch.StartNew();
        using var scope = services.CreateScope();
        var init = scope.ServiceProvider.GetRequiredService<DatabaseInitializer>();
        await init.MigrateAsync();
        var units = await init.EnsureAdminUnitsAsync();
        if (units > 0)
        {
            output.WriteLine($"Đã nạp {units:N0} đơn vị hành chính (bản đồ trước và sau 01/7/2025).");
        }
        await init.EnsurePovertyStandardsAsync();
        await init.EnsureHolidaysAsync();
        await init.EnsureBenefitParametersAsync();
        var (created, generated) = await init.EnsureAdministratorAsync(config["ANSINH_ADMIN_PASSWORD"]);
        if (created && generated is not null)
        {
            output.WriteLine($"Tài khoản quản trị: admin / {generated}  (chỉ in một lần; đặt ANSINH_ADMIN_PASSWORD để tự chọn)");
        }
        var demo = !string.Equals(config["ANSINH_DEMO"], "false", StringComparison.OrdinalIgnoreCase);
        if (demo && !await init.HasHouseholdsAsync())
        {
            var province = config["ANSINH_DEMO_PROVINCE"] ?? DatabaseInitializer.DemoProvince;
            var people = int.TryParse(config["ANSINH_DEMO_PEOPLE"], out var n) ? n : 20_000;
            var seeded = await init.SeedAsync(province, people, seed: 2025);
            output.WriteLine($"Đã tạo dữ liệu mẫu: {seeded.Households:N0} hộ, {seeded.Persons:N0} nhân khẩu, {seeded.Villages:N0} thôn (tỉnh {province}).");
            var beneficiaries = await init.SeedDemoBeneficiariesAsync(province);
            output.WriteLine($"Đối tượng hưởng trợ cấp mẫu: {beneficiaries:N0} người.");
        }
        output.WriteLine($"Cơ sở dữ liệu sẵn sàng sau {watch.Elapsed.TotalSeconds:N1} giây.");
    }
}
