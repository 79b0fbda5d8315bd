using AnSinh.Cli;
using AnSinh.Platform.Excel;
using AnSinh.Registry.Import;
using AnSinh.Tests.Infrastructure;

namespace AnSinh.Tests.Integration;

/// <summary>The `ansinh` command against a fresh database of each engine.</summary>
public sealed class CliTests
{
    private static async Task<(int Code, string Output)> Run(params string[] args)
    {
        var output = new StringWriter();
        var code = await CliApp.RunAsync(args, output, output);
        return (code, output.ToString());
    }

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task Migrate_seed_users_import_export_and_verify_work_from_the_command_line(string engine)
    {
        string connection;
        if (engine == "postgres")
        {
            var name = "ansinh_cli_" + Guid.NewGuid().ToString("N")[..10];
            await using (var c = new Npgsql.NpgsqlConnection(Lanes.PostgresAdminConnection))
            {
                await c.OpenAsync();
                await using var cmd = new Npgsql.NpgsqlCommand($"CREATE DATABASE {name}", c);
                await cmd.ExecuteNonQueryAsync();
            }
            connection = $"{Lanes.PostgresAdminConnection};Database={name}";
        }
        else
        {
            connection = $"Data Source={Path.Combine(Path.GetTempPath(), $"ansinh-cli-{Guid.NewGuid():N}.db")}";
        }
        string[] db = ["--provider", engine, "--connection", connection];

        var notReady = await Run(["verify-audit", .. db]);
        Assert.NotEqual(0, notReady.Code);
        Assert.Contains("ansinh migrate", notReady.Output, StringComparison.Ordinal);

        var migrate = await Run(["migrate", .. db]);
        Assert.True(migrate.Code == 0, migrate.Output);
        Assert.Contains("14,149", migrate.Output, StringComparison.Ordinal);
        Assert.Contains("mật khẩu", migrate.Output, StringComparison.Ordinal);
        Assert.Contains("đã có", (await Run(["migrate", .. db])).Output, StringComparison.Ordinal);

        var seed = await Run(["seed", "--province", "14", "--people", "300", "--seed", "5", .. db]);
        Assert.True(seed.Code == 0, seed.Output);
        Assert.Contains("nhân khẩu", seed.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, (await Run(["seed", "--province", "14", "--people", "300", "--seed", "5", .. db])).Code); // never twice into one province

        var user = await Run(["users", "create", "canbo", "--password", "Mat-khau-123", "--role", "officer", "--scope", "00004", .. db]);
        Assert.True(user.Code == 0, user.Output);
        Assert.NotEqual(0, (await Run(["users", "create", "x", "--password", "Mat-khau-123", "--role", "boss", .. db])).Code);
        Assert.Equal(0, (await Run(["users", "reset", "canbo", "--password", "Mat-khau-456", .. db])).Code);

        var file = Path.Combine(Path.GetTempPath(), $"cli-{Guid.NewGuid():N}.xlsx");
        using (var stream = File.Create(file))
        using (var w = new XlsxWriter(stream, "x"))
        {
            w.WriteHeader(ImportTemplate.Headers);
            w.WriteRow(["00004", "C1", "", "Số 9", "Vương Văn Một", "Nam", "1970", null, "Kinh", "Chủ hộ", null, null, null]);
            w.WriteRow(["00004", "C1", "", "Số 9", "Vương Thị Hai", "Nữ", "1972", null, "Kinh", "Vợ/chồng", null, null, null]);
        }
        var import = await Run(["import", file, "--as", "canbo", .. db]);
        Assert.True(import.Code == 0, import.Output);
        Assert.Contains("Đã ghi 1 hộ, 2 nhân khẩu", import.Output, StringComparison.Ordinal);
        var outOfScope = await Run(["import", file, "--as", "admin", "--mode", "validate", .. db]);
        Assert.Contains("1 hộ đã có", outOfScope.Output, StringComparison.Ordinal);

        var export = Path.Combine(Path.GetTempPath(), $"cli-{Guid.NewGuid():N}.xlsx");
        Assert.Equal(0, (await Run(["export", "persons", export, "--as", "canbo", .. db])).Code);
        using (var reader = XlsxReader.Open(File.OpenRead(export)))
        {
            var names = reader.ReadRows().Skip(1).Select(r => r[0]).ToList();
            Assert.Equal(["Vương Thị Hai", "Vương Văn Một"], names); // official order: by given name (Hai before Một)
        }

        // Poverty: the form-B table (not loaded, then loaded by the administrator only) and lists and rates.
        Assert.Contains("chưa được nạp", (await Run(["poverty", "score-table", "2022-2026", "--as", "admin", .. db])).Output, StringComparison.Ordinal);
        var csv = Path.Combine(Path.GetTempPath(), $"cli-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(csv, AnSinh.Poverty.Standards.ManageScoreTables.CsvHeader + "\nq1,Câu 1,a,A,10,10,10,10,10,10,12\nq1,Câu 1,b,B,20,20,20,20,20,20,\n");
        Assert.NotEqual(0, (await Run(["poverty", "score-table", "2022-2026", csv, "--source", "Thông tư 07/2021", "--as", "canbo", .. db])).Code);
        var table = await Run(["poverty", "score-table", "2022-2026", csv, "--source", "Thông tư 07/2021 (số liệu thử)", "--as", "admin", .. db]);
        Assert.True(table.Code == 0, table.Output);
        Assert.Contains("Đã nạp 2 phương án", table.Output, StringComparison.Ordinal);
        Assert.Contains("Thành thị", table.Output, StringComparison.Ordinal); // the urban column is not complete
        var xlsx = Path.Combine(Path.GetTempPath(), $"cli-{Guid.NewGuid():N}.xlsx");
        var stats = await Run(["poverty", "statistics", "14", "--date", "2025-12-31", "--out", xlsx, "--as", "admin", .. db]);
        Assert.True(stats.Code == 0, stats.Output);
        Assert.Contains("Tổng", stats.Output, StringComparison.Ordinal);
        Assert.True(new FileInfo(xlsx).Length > 0);
        Assert.Contains("Không có đơn vị", (await Run(["poverty", "statistics", "99999", "--date", "2025-12-31", "--as", "admin", .. db])).Output, StringComparison.Ordinal);
        Assert.NotEqual(0, (await Run(["poverty", "classify", "not-a-guid", "--as", "admin", .. db])).Code);

        var verify = await Run(["verify-audit", .. db]);
        Assert.True(verify.Code == 0, verify.Output);
    }
}
