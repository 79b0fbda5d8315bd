using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AnSinh.Platform.Excel;
using Npgsql;

namespace AnSinh.Benchmarks;

/// <summary>
/// The funds ledger through the real web app (a separate process, Release build), timings printed:
///   scale funds --engine sqlite|postgres --web src/AnSinh.Web/bin/Release/net10.0/AnSinh.Web.dll
///               [--clients 8] [--seconds 30] [--import-rows 100000] [--imports 10]
/// A: receipts posted through the API by N clients (each to its own commune fund, then all to one fund);
/// B: .xlsx imports of 100,000 receipts into one fund until it holds about 1,000,000 entries;
/// C: the fund's balance, its year report and the province's consolidated report with those entries stored.
/// </summary>
public static class FundsScaleRun
{
    private const string Password = "Bench-pass-2025";
    private static readonly string[] Communes = ["01447", "01456", "01465", "01477", "01489", "01501", "01525", "01537", "01552", "01558", "01561", "01576"];

    public static async Task RunAsync(string engine, string webDll, int clients, int seconds, int importRows, int imports)
    {
        var (connection, cleanup) = await DatabaseAsync(engine);
        var port = 5300 + Random.Shared.Next(0, 500);
        var start = new ProcessStartInfo("dotnet", [Path.GetFullPath(webDll)]) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        start.Environment["Database__Provider"] = engine;
        start.Environment["ConnectionStrings__Default"] = connection;
        start.Environment["ANSINH_ADMIN_PASSWORD"] = Password;
        start.Environment["ANSINH_DEMO"] = "false";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var web = Process.Start(start)!;
        _ = Task.Run(() => web.StandardOutput.ReadToEndAsync());
        _ = Task.Run(() => web.StandardError.ReadToEndAsync());
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(10) };
            var sw = Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    if ((await http.GetAsync("/health")).IsSuccessStatusCode)
                    {
                        break;
                    }
                }
                catch (HttpRequestException)
                {
                }
                if (sw.Elapsed > TimeSpan.FromMinutes(5))
                {
                    throw new TimeoutException("the web app did not start");
                }
                await Task.Delay(250);
            }
            Console.WriteLine($"engine {engine}; web app ready in {sw.Elapsed.TotalSeconds:F1} s; {Environment.ProcessorCount} CPUs");
            var login = await http.PostAsJsonAsync("/api/auth/login", new { userName = "admin", password = Password });
            var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

            var province = await FundAsync(http, "04", "for_the_poor");
            var communeFunds = new List<Guid>();
            foreach (var c in Communes.Take(Math.Max(1, clients)))
            {
                communeFunds.Add(await FundAsync(http, c, "for_the_poor"));
            }

            // A0: the same clients reading a balance, the floor an authenticated API call costs on this machine.
            await PostForAsync(http, clients, Math.Min(seconds, 10), i => communeFunds[i % communeFunds.Count], "A0 balance reads (no write)", read: true);
            // A: receipts through the API.
            await PostForAsync(http, clients, seconds, i => communeFunds[i % communeFunds.Count], "A1 each client to its own fund");
            await PostForAsync(http, clients, seconds, _ => province, "A2 all clients to one fund");
            await PostBatchesAsync(http, Math.Min(clients, 8), seconds, province, 100);

            // B: imports of 100,000 receipts each into the province fund.
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            for (var n = 0; n < imports; n++)
            {
                var file = Workbook(importRows, n, today);
                var t = Stopwatch.StartNew();
                using var form = new MultipartFormDataContent { { new ByteArrayContent(file), "file", "receipts.xlsx" } };
                var accepted = await http.PostAsync($"/api/funds/{province}/receipts/import", form);
                var job = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetGuid();
                JsonElement state;
                while (true)
                {
                    state = await (await http.GetAsync($"/api/jobs/{job}")).Content.ReadFromJsonAsync<JsonElement>();
                    if (state.GetProperty("status").GetString() is "succeeded" or "failed")
                    {
                        break;
                    }
                    await Task.Delay(200);
                }
                var entries = (await (await http.GetAsync($"/api/funds/{province}/balance")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("entries").GetInt64();
                Console.WriteLine($"B import {n + 1}: {importRows:N0} receipts ({file.Length / 1024:N0} KB .xlsx) {state.GetProperty("status").GetString()} in {t.Elapsed.TotalSeconds:F1} s; fund holds {entries:N0} entries");
                if (state.GetProperty("status").GetString() != "succeeded")
                {
                    Console.WriteLine(state.ToString());
                    break;
                }
            }

            // C: reads with the entries stored.
            await TimeAsync(http, $"/api/funds/{province}/balance", 200, "C balance of the fund");
            await TimeAsync(http, $"/api/funds/{province}/report?year={today.Year}", 50, "C year report of the fund");
            await TimeAsync(http, $"/api/funds/report?unitCode=04&year={today.Year}", 50, "C consolidated report of the province");
            var v = Stopwatch.StartNew();
            var inspection = await (await http.GetAsync($"/api/funds/{province}/inspection")).Content.ReadFromJsonAsync<JsonElement>();
            Console.WriteLine($"C self-inspection (re-hash of {inspection.GetProperty("chain").GetProperty("entriesChecked").GetInt64():N0} entries): intact={inspection.GetProperty("chain").GetProperty("intact").GetBoolean()} in {v.Elapsed.TotalSeconds:F1} s");
        }
        finally
        {
            web.Kill(entireProcessTree: true);
            await web.WaitForExitAsync();
            await cleanup();
        }
    }

    private static async Task<Guid> FundAsync(HttpClient http, string unit, string kind)
    {
        var r = await http.PostAsJsonAsync("/api/funds", new { unitCode = unit, kind });
        var text = await r.Content.ReadAsStringAsync();
        if (!r.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(text);
        }
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid();
    }

    /// <summary>A3: receipts sent 100 to a request through <c>POST /api/funds/{id}/receipts/batch</c> (a bank statement, a treasurer's day).</summary>
    private static async Task PostBatchesAsync(HttpClient shared, int clients, int seconds, Guid fund, int size)
    {
        var stop = DateTime.UtcNow.AddSeconds(seconds);
        var posted = 0L;
        var errors = 0;
        var latencies = new List<double>[clients];
        var date = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var sw = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(i => Task.Run(async () =>
        {
            using var c = new HttpClient { BaseAddress = shared.BaseAddress };
            c.DefaultRequestHeaders.Authorization = shared.DefaultRequestHeaders.Authorization;
            var list = latencies[i] = [];
            var n = 0;
            while (DateTime.UtcNow < stop)
            {
                var receipts = Enumerable.Range(0, size).Select(_ => new { date, donor = new { name = $"Người chuyển khoản {i}-{n++ % 5000}", type = "individual" }, form = "cash", channel = "bank", amount = 50_000 + n }).ToList();
                var t = Stopwatch.GetTimestamp();
                var r = await c.PostAsJsonAsync($"/api/funds/{fund}/receipts/batch", new { receipts });
                list.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                if (r.IsSuccessStatusCode)
                {
                    Interlocked.Add(ref posted, (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("posted").GetInt32());
                }
                else
                {
                    Interlocked.Increment(ref errors);
                }
            }
        })));
        var all = latencies.SelectMany(l => l).Order().ToList();
        Console.WriteLine($"A3 batches of {size} to one fund: {clients} clients, {posted:N0} receipts in {sw.Elapsed.TotalSeconds:F1} s = {posted / sw.Elapsed.TotalSeconds:N0} receipts/s; "
            + $"request p50 {all[all.Count / 2]:F1} ms, p95 {all[(int)(all.Count * 0.95)]:F1} ms; errors {errors}");
    }

    private static async Task PostForAsync(HttpClient shared, int clients, int seconds, Func<int, Guid> fundOf, string label, bool read = false)
    {
        var stop = DateTime.UtcNow.AddSeconds(seconds);
        var latencies = new List<double>[clients];
        var errors = 0;
        var date = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var sw = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(i => Task.Run(async () =>
        {
            using var c = new HttpClient { BaseAddress = shared.BaseAddress };
            c.DefaultRequestHeaders.Authorization = shared.DefaultRequestHeaders.Authorization;
            var list = latencies[i] = [];
            var fund = fundOf(i);
            var n = 0;
            while (DateTime.UtcNow < stop)
            {
                var t = Stopwatch.GetTimestamp();
                var r = read
                    ? await c.GetAsync($"/api/funds/{fund}/balance")
                    : await c.PostAsJsonAsync($"/api/funds/{fund}/receipts", new { date, donor = new { name = $"Nhà hảo tâm {i}-{n++ % 500}", type = "individual" }, form = "cash", amount = 100_000 + n });
                list.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                if (!r.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        })));
        var all = latencies.SelectMany(l => l).Order().ToList();
        Console.WriteLine($"{label}: {clients} clients, {all.Count:N0} {(read ? "reads" : "receipts")} in {sw.Elapsed.TotalSeconds:F1} s = {all.Count / sw.Elapsed.TotalSeconds:N0} {(read ? "reads" : "receipts")}/s; "
            + $"latency p50 {all[all.Count / 2]:F1} ms, p95 {all[(int)(all.Count * 0.95)]:F1} ms; errors {errors}");
    }

    private static async Task TimeAsync(HttpClient http, string url, int times, string label)
    {
        var first = Stopwatch.StartNew();
        var response = await http.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        var cold = first.Elapsed.TotalMilliseconds;
        var list = new List<double>();
        for (var i = 0; i < times; i++)
        {
            var t = Stopwatch.GetTimestamp();
            (await http.GetAsync(url)).EnsureSuccessStatusCode();
            list.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
        }
        list.Sort();
        Console.WriteLine($"{label}: first {cold:F1} ms, p50 {list[list.Count / 2]:F2} ms, p95 {list[(int)(list.Count * 0.95)]:F2} ms (HTTP round trip, {(int)response.StatusCode}) {body[..Math.Min(body.Length, 160)]}");
    }

    private static byte[] Workbook(int rows, int seed, DateOnly today)
    {
        using var ms = new MemoryStream();
        var random = new Random(seed);
        var forms = new[] { "Tiền mặt", "Chuyển khoản", "Tiền mặt", "Hiện vật" };
        using (var w = new XlsxWriter(ms, "Phiếu thu"))
        {
            w.WriteHeader(["Ngày", "Nhà tài trợ", "Loại nhà tài trợ", "Hình thức", "Số tiền", "Tên hàng", "Số lượng", "Đơn vị tính", "Nội dung", "Số phiếu"]);
            for (var i = 0; i < rows; i++)
            {
                var form = forms[random.Next(forms.Length)];
                var date = new DateOnly(today.Year, 1, 1).AddDays(random.Next(0, today.DayOfYear));
                var anonymous = random.Next(10) == 0;
                w.WriteRow([date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), anonymous ? null : $"Nhà hảo tâm {seed}-{random.Next(20_000)}", anonymous ? "Ẩn danh" : "Cá nhân", form,
                    (random.Next(1, 500) * 10_000).ToString(CultureInfo.InvariantCulture), form == "Hiện vật" ? "Gạo" : null, form == "Hiện vật" ? "10" : null, form == "Hiện vật" ? "kg" : null,
                    "Ủng hộ Tháng cao điểm", null]);
            }
        }
        return ms.ToArray();
    }

    private static async Task<(string Connection, Func<Task> Cleanup)> DatabaseAsync(string engine)
    {
        if (engine == "postgres")
        {
            var server = Environment.GetEnvironmentVariable("ANSINH_BENCH_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres";
            var name = "ansinh_bench_funds_" + Guid.NewGuid().ToString("N")[..8];
            await using (var c = new NpgsqlConnection(server))
            {
                await c.OpenAsync();
                await using var cmd = c.CreateCommand();
                cmd.CommandText = $"CREATE DATABASE {name}";
                await cmd.ExecuteNonQueryAsync();
            }
            return ($"{server};Database={name}", async () =>
            {
                NpgsqlConnection.ClearAllPools();
                await using var c = new NpgsqlConnection(server);
                await c.OpenAsync();
                await using var cmd = c.CreateCommand();
                cmd.CommandText = $"DROP DATABASE IF EXISTS {name} WITH (FORCE)";
                await cmd.ExecuteNonQueryAsync();
            }
            );
        }
        var file = Path.Combine(Path.GetTempPath(), $"ansinh-bench-funds-{Guid.NewGuid():N}.db");
        return ($"Data Source={file}", () =>
        {
            foreach (var f in new[] { file, file + "-wal", file + "-shm" })
            {
                File.Delete(f);
            }
            return Task.CompletedTask;
        }
        );
    }
}
