using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AnSinh.Platform.Excel;
using AnSinh.Platform.Persistence;
using AnSinh.Registry.Import;
using AnSinh.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;
using static AnSinh.Tests.Infrastructure.ApiResponses;

namespace AnSinh.Tests.Integration;

/// <summary>
/// Several officers writing at once (issue #18, ADR 0022): one lock order for every write, no
/// write that waits without a bound, race-free per-unit numbers, a job's progress that its own
/// transaction cannot block.
/// </summary>
public sealed class ConcurrencyTests(ITestOutputHelper output)
{
    private const string Commune = "00004";

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task Sixteen_clients_mixing_household_saves_sign_ins_and_receipts_for_30_seconds_all_succeed(string engine)
    {
        var app = TestApp.For(engine);
        var board = await app.UserAsync("fund_board", Commune);
        var created = await board.PostAsJsonAsync("/api/funds", new { unitCode = Commune, kind = "special", name = TestData.Unique("Quỹ đồng thời ") });
        var fund = (await OkAsync(created)).GetProperty("id").GetGuid();
        var officerName = $"ccy-{Guid.NewGuid():N}"[..20];
        var admin = await app.AdminAsync();
        await OkAsync(await admin.PostAsJsonAsync("/api/users", new { userName = officerName, password = "Pass-word-123", role = "officer", scopeUnitCode = Commune }));
        var officer = await app.ClientAsAsync(officerName, "Pass-word-123");

        var failures = new ConcurrentBag<string>();
        var counts = new ConcurrentDictionary<string, int>();
        var until = Stopwatch.StartNew();
        async Task Client(int n)
        {
            var anonymous = app.CreateClient();
            var i = 0;
            while (until.Elapsed < TimeSpan.FromSeconds(30))
            {
                i++;
                HttpResponseMessage r;
                string kind;
                switch ((n + i) % 3)
                {
                    case 0:
                        kind = "household";
                        r = await officer.PostAsJsonAsync("/api/households", TestData.Household(Commune, $"Lò Văn Đồng {n}-{i}"));
                        break;
                    case 1:
                        kind = "receipt";
                        r = await board.PostAsJsonAsync($"/api/funds/{fund}/receipts",
                            new { date = "2026-03-02", donor = new { name = $"Nhà hảo tâm {n}", type = "individual" }, form = "cash", amount = 100_000, description = "Ủng hộ" });
                        break;
                    default:
                        kind = "sign-in";
                        r = await anonymous.PostAsJsonAsync("/api/auth/login", new { userName = officerName, password = "Pass-word-123" });
                        break;
                }
                counts.AddOrUpdate(kind, 1, (_, c) => c + 1);
                if (!r.IsSuccessStatusCode)
                {
                    failures.Add($"{kind}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
                }
            }
        }
        await Task.WhenAll(Enumerable.Range(0, 16).Select(n => Task.Run(() => Client(n))));
        output.WriteLine($"{engine}: {string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Value} {c.Key}"))} in {until.Elapsed.TotalSeconds:N1} s, {failures.Count} failed");

        Assert.Empty(failures);
        Assert.All(new[] { "household", "receipt", "sign-in" }, k => Assert.True(counts.GetValueOrDefault(k) > 5, $"{k}: {counts.GetValueOrDefault(k)}"));
        var balance = (await OkAsync(await board.GetAsync($"/api/funds/{fund}/balance"))).GetProperty("balance").GetInt64();
        Assert.Equal(counts["receipt"] * 100_000L, balance);
    }

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task Twenty_registrations_at_once_in_one_commune_get_twenty_distinct_codes(string engine)
    {
        var app = TestApp.For(engine);
        var officers = new List<HttpClient>();
        for (var i = 0; i < 4; i++)
        {
            officers.Add(await app.UserAsync("officer", Commune));
        }
        var start = new TaskCompletionSource();
        var tasks = Enumerable.Range(0, 20).Select(async i =>
        {
            await start.Task;
            var r = await officers[i % officers.Count].PostAsJsonAsync("/api/households", TestData.Household(Commune, $"Hà Thị Mã {i}"));
            return (r.StatusCode, Body: await r.Content.ReadAsStringAsync());
        }).ToList();
        start.SetResult();
        var results = await Task.WhenAll(tasks);

        Assert.All(results, r => Assert.True(r.StatusCode == HttpStatusCode.Created, $"{(int)r.StatusCode}: {r.Body}"));
        var codes = results.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("code").GetString()).ToList();
        Assert.Equal(20, codes.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task A_write_that_cannot_get_the_database_in_time_answers_503_with_retry_after_and_writes_nothing(string engine)
    {
        var app = TestApp.For(engine);
        var officer = await app.UserAsync("officer", Commune);
        var name = TestData.Unique("Bận Văn Chờ ");
        HttpResponseMessage refused;
        if (engine == "sqlite")
        {
            // Another writer of this process holds the database past the bounded wait.
            var db = app.NewDb(out var scope);
            using (scope)
            {
                var gate = db.Gate!;
                var wait = gate.Wait;
                gate.Wait = TimeSpan.FromSeconds(1);
                await using var holder = await db.BeginWriteAsync();
                try
                {
                    refused = await officer.PostAsJsonAsync("/api/households", TestData.Household(Commune, name));
                }
                finally
                {
                    gate.Wait = wait;
                }
            }
        }
        else
        {
            // Another session holds the audit chain's lock for longer than lock_timeout.
            await using var other = new NpgsqlConnection(TestApp.ConnectionFor(engine));
            await other.OpenAsync();
            await using var tx = await other.BeginTransactionAsync();
            await using (var cmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock(71804660567624)", other, tx))
            {
                await cmd.ExecuteNonQueryAsync();
            }
            refused = await officer.PostAsJsonAsync("/api/households", TestData.Household(Commune, name));
            await tx.RollbackAsync();
        }

        var detail = await FailsAsync(refused, HttpStatusCode.ServiceUnavailable);
        Assert.Contains("đang bận", detail, StringComparison.Ordinal);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After");
        var found = await officer.GetFromJsonAsync<JsonElement>($"/api/persons?communeCode={Commune}&q={Uri.EscapeDataString(name)}");
        Assert.Equal(0, found.GetProperty("total").GetInt32());
        // Once the database is free the same save goes through.
        Assert.Equal(HttpStatusCode.Created, (await officer.PostAsJsonAsync("/api/households", TestData.Household(Commune, name))).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task A_100000_row_import_finishes_while_officers_save_and_its_progress_is_seen_while_it_writes(string engine)
    {
        var app = TestApp.For(engine);
        var admin = await app.AdminAsync();
        var tag = TestData.Unique("I");
        var ms = new MemoryStream();
        using (var w = new XlsxWriter(ms, "Ho gia dinh"))
        {
            w.WriteHeader(ImportTemplate.Headers);
            for (var h = 0; h < 25_000; h++)
            {
                var code = $"{tag}-{h}";
                for (var m = 0; m < 4; m++)
                {
                    w.WriteRow([Commune, code, "", "Số 7, phố Hàng Bông", $"Nguyễn Văn Nhập {h} {m}", m % 2 == 0 ? "Nam" : "Nữ", (1960 + m * 10).ToString(System.Globalization.CultureInfo.InvariantCulture),
                        null, "Kinh", m == 0 ? "Chủ hộ" : "Con", "Làm ruộng", "12/12", "Không"]);
                }
            }
        }
        using var content = new MultipartFormDataContent
        {
            { new ByteArrayContent(ms.ToArray()), "file", "ho-100000.xlsx" },
            { new StringContent("all_or_nothing"), "mode" },
        };
        var accepted = await admin.PostAsync("/api/import/households", content);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var jobId = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetString();

        var officer = await app.UserAsync("officer", Commune);
        var saved = 0;
        var busy = 0;
        var progressSeen = new HashSet<long>();
        JsonElement job = default;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromMinutes(8))
        {
            job = await OkAsync(await admin.GetAsync($"/api/jobs/{jobId}"));
            var status = job.GetProperty("status").GetString();
            if (status is "succeeded" or "failed")
            {
                break;
            }
            if (status == "running")
            {
                progressSeen.Add(job.GetProperty("done").GetInt64());
            }
            // An officer keeps saving; a save refused as busy is tried again after Retry-After.
            var r = await officer.PostAsJsonAsync("/api/households", TestData.Household(Commune, $"Đinh Văn Lưu {saved}"));
            if (r.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                busy++;
                Assert.NotNull(r.Headers.RetryAfter);
            }
            else
            {
                Assert.Equal(HttpStatusCode.Created, r.StatusCode);
                saved++;
            }
            await Task.Delay(200);
        }

        output.WriteLine($"{engine}: import of 100,000 rows {job.GetProperty("status").GetString()} after {watch.Elapsed.TotalSeconds:N1} s; officer saves {saved} (503 then retried: {busy}); progress values seen while running: {progressSeen.Count}");
        Assert.True(job.GetProperty("status").GetString() == "succeeded", job.GetProperty("message").GetString());
        Assert.Equal(25_000, job.GetProperty("result").GetProperty("householdsWritten").GetInt32());
        Assert.True(saved > 0, $"saved {saved}, busy {busy}");
        Assert.True(progressSeen.Count(d => d > 0) >= 1, "progress while running: " + string.Join(",", progressSeen));
    }
}
