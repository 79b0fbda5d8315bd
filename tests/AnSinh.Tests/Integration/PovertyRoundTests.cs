using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AnSinh.Tests.Infrastructure;
using static AnSinh.Tests.Infrastructure.ApiResponses;

namespace AnSinh.Tests.Integration;

/// <summary>The review round end to end through the API, on both engines (issue #3).</summary>
public sealed class PovertyRoundTests
{
    private const string Village = "Bản Nà Rì";

    private static async Task<Guid> HouseholdAsync(HttpClient client, string commune, string head, string ethnicity = "Tày", int children = 0)
    {
        var members = new List<object>
        {
            new { fullName = head, sex = "male", birthDate = "1970-03-02", nationalId = TestData.NationalId(true, 1970), ethnicity, relationship = "head" },
        };
        for (var i = 0; i < children; i++)
        {
            members.Add(new { fullName = $"{head} con {i}", sex = "female", birthDate = "2015-05-05", ethnicity, relationship = "child", schooling = "Lớp 4" });
        }
        var r = await client.PostAsJsonAsync("/api/households", new { communeCode = commune, village = Village, address = "Bản Nà Rì", date = "2025-08-01", members });
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<string> ConflictAsync(HttpResponseMessage r)
    {
        var text = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == HttpStatusCode.Conflict, $"expected 409, got {(int)r.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString()!;
    }

    private static async Task<JsonElement> BadRequestAsync(HttpResponseMessage r)
    {
        var text = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == HttpStatusCode.BadRequest, $"expected 400, got {(int)r.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("errors").Clone();
    }

    private static object Survey(long income, params string[] deprived) => new { incomePerPersonMonthly = income, deprivations = deprived, surveyedOn = "2025-09-16" };

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task Form_B_answers_are_scored_from_the_loaded_table_and_a_missing_table_is_said_not_guessed(string engine)
    {
        var app = TestApp.For(engine);
        const string commune = "01414";
        var admin = await app.AdminAsync();
        await admin.PostAsJsonAsync($"/api/admin-units/{commune}/villages", new { name = Village });
        var officer = await app.UserAsync("officer", commune);
        var household = await HouseholdAsync(officer, commune, "Đàm Văn Điểm");
        var id = (await OkAsync(await officer.PostAsJsonAsync("/api/poverty/rounds", new { communeCode = commune, kind = "regular", startedOn = "2025-09-15" }))).GetProperty("id").GetGuid();
        await OkAsync(await officer.PostAsJsonAsync($"/api/poverty/rounds/{id}/requests", new { requests = new object[] { new { householdId = household, formAPassed = true } } }));
        var answers = new Dictionary<string, string> { ["q1"] = "a", ["q2"] = "a" };
        var byAnswers = new { scoreAnswers = answers, deprivations = new[] { "water", "sanitation", "telecom" }, surveyedOn = "2025-09-16" };

        // No table loaded for the 2027–2030 standard: said so, nothing guessed.
        Assert.False((await OkAsync(await admin.GetAsync("/api/poverty/standards/2027-2030/score-table"))).GetProperty("loaded").GetBoolean());
        var table = await OkAsync(await admin.GetAsync("/api/poverty/standards/2022-2026/score-table"));
        if (!table.GetProperty("loaded").GetBoolean())
        {
            var notLoaded = await BadRequestAsync(await officer.PutAsJsonAsync($"/api/poverty/rounds/{id}/households/{household}/survey", byAnswers));
            Assert.Contains("chưa được nạp", notLoaded.GetProperty("scoreAnswers")[0].GetString(), StringComparison.Ordinal);
        }

        // Only an administrator loads a table; bad rows are refused whole.
        var rows = new object[]
        {
            new { question = "q1", questionText = "Câu thử 1", answer = "a", answerText = "A", points = Rural(50) },
            new { question = "q1", questionText = "Câu thử 1", answer = "b", answerText = "B", points = Rural(200) },
            new { question = "q2", questionText = "Câu thử 2", answer = "a", answerText = "A", points = Rural(40) },
        };
        Assert.False((await officer.PutAsJsonAsync("/api/poverty/standards/2022-2026/score-table", new { source = "Thông tư 07/2021/TT-BLĐTBXH (số liệu thử)", rows })).IsSuccessStatusCode);
        var bad = await BadRequestAsync(await admin.PutAsJsonAsync("/api/poverty/standards/2022-2026/score-table", new
        {
            source = "x",
            rows = new object[] { new { question = "q1", answer = "a", points = new Dictionary<string, int?> { ["mars"] = 1 } } },
        }));
        Assert.Contains("mars", bad.GetProperty("rows[0]")[0].GetString(), StringComparison.Ordinal);
        var loaded = await OkAsync(await admin.PutAsJsonAsync("/api/poverty/standards/2022-2026/score-table", new { source = "Thông tư 07/2021/TT-BLĐTBXH (số liệu thử)", rows }));
        Assert.True(loaded.GetProperty("loaded").GetBoolean());
        Assert.Equal("urban", Assert.Single(loaded.GetProperty("regionsMissing").EnumerateArray()).GetString());
        Assert.Contains("Thành thị", loaded.GetProperty("message").GetString(), StringComparison.Ordinal);

        // A score and answers together are refused; answers alone give A = 50 + 40 = 90 ≤ 140: poor with 3 deprivations.
        var both = await BadRequestAsync(await officer.PutAsJsonAsync($"/api/poverty/rounds/{id}/households/{household}/survey", new { scoreAnswers = answers, incomeScore = 90, deprivations = Array.Empty<string>(), surveyedOn = "2025-09-16" }));
        Assert.True(both.TryGetProperty("scoreAnswers", out _));
        var scored = await OkAsync(await officer.PutAsJsonAsync($"/api/poverty/rounds/{id}/households/{household}/survey", byAnswers));
        Assert.Equal("poor", scored.GetProperty("classification").GetString());
        var row = (await OkAsync(await officer.GetAsync($"/api/poverty/rounds/{id}/households"))).GetProperty("items").EnumerateArray().Single(h => h.GetProperty("householdId").GetGuid() == household);
        Assert.Equal(90, row.GetProperty("incomeScore").GetInt32());
    }

    private static Dictionary<string, int?> Rural(int points) => new()
    {
        ["northern_mountains"] = points,
        ["red_river_delta"] = points,
        ["central_coast"] = points,
        ["central_highlands"] = points,
        ["southeast"] = points,
        ["mekong_delta"] = points,
        ["urban"] = null,
    };

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task A_round_goes_from_list_to_frozen_decision_with_every_step_checked(string engine)
    {
        var app = TestApp.For(engine);
        const string commune = "01363";
        var admin = await app.AdminAsync();
        await admin.PostAsJsonAsync($"/api/admin-units/{commune}/villages", new { name = Village });
        var officer = await app.UserAsync("officer", commune);
        var approver = await app.UserAsync("approver", commune);
        var poor = await HouseholdAsync(officer, commune, "Nông Văn Nghèo");
        var near = await HouseholdAsync(officer, commune, "Hoàng Thị Cận", ethnicity: "Kinh");
        var screened = await HouseholdAsync(officer, commune, "Lý Văn Khá");

        // Bad start dates and kinds.
        Assert.True((await BadRequestAsync(await officer.PostAsJsonAsync("/api/poverty/rounds", new { communeCode = commune, kind = "regular", startedOn = "2025-09-03" }))).TryGetProperty("startedOn", out _));
        Assert.True((await BadRequestAsync(await officer.PostAsJsonAsync("/api/poverty/rounds", new { communeCode = commune, kind = "yearly", startedOn = "2025-09-15" }))).TryGetProperty("kind", out _));

        var round = await OkAsync(await officer.PostAsJsonAsync("/api/poverty/rounds", new { communeCode = commune, kind = "regular", startedOn = "2025-09-15" }));
        var id = round.GetProperty("id").GetGuid();
        Assert.Equal("listing", round.GetProperty("stage").GetString());
        Assert.Equal("2022-2026", round.GetProperty("standard").GetString());
        Assert.Equal("2025-09-30", round.GetProperty("dueOn").GetString());
        await ConflictAsync(await officer.PostAsJsonAsync("/api/poverty/rounds", new { communeCode = commune, kind = "regular", startedOn = "2025-09-16" }));

        var added = await OkAsync(await officer.PostAsJsonAsync($"/api/poverty/rounds/{id}/requests", new
        {
            requests = new object[] { new { householdId = poor, formAPassed = true }, new { householdId = near, formAPassed = true }, new { householdId = screened, formAPassed = false, note = "Có ô tô" } },
        }));
        Assert.Equal(2, added.GetProperty("added").GetInt32());
        Assert.Single(added.GetProperty("screenedOut").EnumerateArray());
        await BadRequestAsync(await officer.PostAsJsonAsync($"/api/poverty/rounds/{id}/requests", new { requests = new object[] { new { householdId = poor, formAPassed = true } } }));

        // Survey: bad input is a 400 naming the field; a second survey of the same household is a 409.
        var errors = await BadRequestAsync(await officer.PutAsJsonAsync($"/api/poverty/rounds/{id}/households/{poor}/survey", new { incomePerPersonMonthly = -1, deprivations = new[] { "unicorns" }, surveyedOn = "2025-09-16" }));
        Assert.True(errors.TryGetProperty("incomePerPersonMonthly", out _));
        Assert.True(errors.TryGetProperty("deprivations", out _));
        var surveyed = await OkAsync(await officer.PutAsJsonAsync($"/api/poverty/rounds/{id}/households/{poor}/survey", Survey(1_200_000, "water", "sanitation", "telecom")));
        Assert.Equal("poor", surveyed.GetProperty("classification").GetString());
        Assert.Contains("Nghị định 07/2021", surveyed.GetProperty("explanation").GetString(), StringComparison.Ordinal);
        await ConflictAsync(await officer.PutAsJsonAsync($"/api/poverty/rounds/{id}/households/{poor}/survey", Survey(1_200_000, "water")));
        Assert.Equal("near_poor", (await OkAsync(await officer.PutAsJsonAsync($"/api/poverty/rounds/{id}/households/{near}/survey", Survey(1_400_000, "water")))).GetProperty("classification").GetString());

        // The register proposes dependants: a household of one adult has none.
        var proposals = await officer.GetFromJsonAsync<JsonElement[]>($"/api/poverty/rounds/{id}/households/{poor}/proposals?floorArea=5");
        Assert.Contains(proposals!, p => p.GetProperty("indicator").GetString() == "housing_area" && p.GetProperty("deprived").GetBoolean());

        // Meeting: more agreeing than attending is a 400; under half agreeing sends the village back.
        Assert.True((await BadRequestAsync(await officer.PostAsJsonAsync($"/api/poverty/rounds/{id}/meetings", new { village = Village, heldOn = "2025-09-18", attendees = 10, agreeing = 11, minutes = "BB-01" }))).TryGetProperty("agreeing", out _));
        var failed = await OkAsync(await officer.PostAsJsonAsync($"/api/poverty/rounds/{id}/meetings", new { village = Village, heldOn = "2025-09-18", attendees = 10, agreeing = 4, minutes = "BB-01" }));
        Assert.False(failed.GetProperty("passed").GetBoolean());
        Assert.Contains("họp", await ConflictAsync(await officer.PostAsJsonAsync($"/api/poverty/rounds/{id}/posting", new { start = "2025-09-19" })), StringComparison.Ordinal);
        await ConflictAsync(await officer.PostAsJsonAsync($"/api/poverty/rounds/{id}/meetings", new { village = Village, heldOn = "2025-09-19", attendees = 10, agreeing = 9, minutes = "BB-02" }));
        await OkAsync(await officer.PutAsJsonAsync($"/api/poverty/rounds/{id}/households/{poor}/survey", Survey(1_200_000, "water", "sanitation", "telecom")));
        await OkAsync(await officer.PutAsJsonAsync($"/api/poverty/rounds/{id}/households/{near}/survey", Survey(1_400_000, "water")));
        var passed = await OkAsync(await officer.PostAsJsonAsync($"/api/poverty/rounds/{id}/meetings", new { village = Village, heldOn = "2025-09-19", attendees = 10, agreeing = 9, minutes = "BB-02" }));
        Assert.True(passed.GetProperty("passed").GetBoolean());

        // The signed minutes are attached: a PDF is kept with its checksum; a text file is refused by its content.
        var meetingId = passed.GetProperty("id").GetInt64();
        var pdf = "%PDF-1.4\n% biên bản họp thôn\n"u8.ToArray();
        static MultipartFormDataContent Upload(byte[] bytes, string name)
        {
            var form = new MultipartFormDataContent();
            form.Add(new ByteArrayContent(bytes), "file", name);
            return form;
        }
        var notPdf = await BadRequestAsync(await officer.PostAsync($"/api/poverty/rounds/{id}/meetings/{meetingId}/minutes", Upload("chỉ là chữ"u8.ToArray(), "bien-ban.pdf")));
        Assert.Contains("PDF, JPEG hoặc PNG", notPdf.GetProperty("file")[0].GetString(), StringComparison.Ordinal);
        var attached = await OkAsync(await officer.PostAsync($"/api/poverty/rounds/{id}/meetings/{meetingId}/minutes", Upload(pdf, "bien-ban-02.pdf")));
        Assert.Equal("application/pdf", attached.GetProperty("contentType").GetString());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)), attached.GetProperty("sha256").GetString());
        var listedFiles = (await OkAsync(await officer.GetAsync($"/api/poverty/rounds/{id}"))).GetProperty("meetings").EnumerateArray()
            .Single(m => m.GetProperty("id").GetInt64() == meetingId).GetProperty("files");
        Assert.Equal("bien-ban-02.pdf", Assert.Single(listedFiles.EnumerateArray()).GetProperty("fileName").GetString());
        Assert.Equal(pdf, await officer.GetByteArrayAsync($"/api/poverty/rounds/{id}/meetings/{meetingId}/minutes/{attached.GetProperty("id").GetGuid()}"));

        // Posting: not before the meeting; 3 working days by default (Fri → Tue).
        await ConflictAsync(await officer.PostAsJsonAsync($"/api/poverty/rounds/{id}/posting", new { start = "2025-09-18" }));
        var posted = await OkAsync(await officer.PostAsJsonAsync($"/api/poverty/rounds/{id}/posting", new { start = "2025-09-19" }));
        Assert.Equal("2025-09-23", posted.GetProperty("postingEnd").GetString());
        var list = await officer.GetStringAsync($"/api/poverty/rounds/{id}/posted-list");
        Assert.Contains("Nông Văn Nghèo", list, StringComparison.Ordinal);
        Assert.DoesNotContain("1200000", list, StringComparison.Ordinal);
        Assert.DoesNotContain("nationalId", list, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Tày", list, StringComparison.Ordinal);

        // Complaints: an open complaint or an unfinished posting blocks the decision.
        var complaint = await OkAsync(await officer.PostAsJsonAsync($"/api/poverty/rounds/{id}/complaints", new { householdId = near, complainant = "Hoàng Văn Mạnh", receivedOn = "2025-09-22", content = "Hộ có xe máy mới" }));
        Assert.Equal("2025-09-25", complaint.GetProperty("dueOn").GetString());
        await ConflictAsync(await officer.PostAsJsonAsync($"/api/poverty/rounds/{id}/decision", new { decisionNumber = "15/QĐ-UBND", decidedOn = "2025-09-26" }));
        Assert.Contains("khiếu nại", await ConflictAsync(await approver.PostAsJsonAsync($"/api/poverty/rounds/{id}/decision", new { decisionNumber = "15/QĐ-UBND", decidedOn = "2025-09-26" })), StringComparison.Ordinal);
        await OkAsync(await officer.PostAsJsonAsync($"/api/poverty/rounds/{id}/complaints/{complaint.GetProperty("id").GetInt64()}/answer", new { answer = "Đã kiểm tra lại, giữ nguyên.", answeredOn = "2025-09-24" }));
        Assert.Contains("niêm yết", await ConflictAsync(await approver.PostAsJsonAsync($"/api/poverty/rounds/{id}/decision", new { decisionNumber = "15/QĐ-UBND", decidedOn = "2025-09-23" })), StringComparison.Ordinal);
        var decided = await OkAsync(await approver.PostAsJsonAsync($"/api/poverty/rounds/{id}/decision", new { decisionNumber = "15/QĐ-UBND", decidedOn = "2025-09-26" }));
        Assert.True(decided.GetProperty("frozen").GetBoolean());

        // Frozen: every edit is a 409.
        Assert.Contains("khóa", await ConflictAsync(await officer.PutAsJsonAsync($"/api/poverty/rounds/{id}/households/{poor}/survey", Survey(2_000_000))), StringComparison.Ordinal);
        await ConflictAsync(await officer.PostAsJsonAsync($"/api/poverty/rounds/{id}/meetings", new { village = Village, heldOn = "2025-09-19", attendees = 5, agreeing = 5, minutes = "x" }));
        await ConflictAsync(await officer.PostAsync($"/api/poverty/rounds/{id}/meetings/{meetingId}/minutes", Upload(pdf, "muon.pdf")));
        await ConflictAsync(await officer.PostAsync($"/api/poverty/rounds/{id}/classify", null));

        // Status history and movements.
        var history = await officer.GetFromJsonAsync<JsonElement[]>($"/api/poverty/households/{poor}/statuses");
        Assert.Equal("poor", history![0].GetProperty("status").GetString());
        Assert.Equal("newly_poor", history[0].GetProperty("movement").GetString());
        Assert.Equal("2025-09-26", history[0].GetProperty("from").GetString());

        // Lists and rates: 3 households in the commune, 1 poor, 1 near-poor.
        var stats = await officer.GetFromJsonAsync<JsonElement>($"/api/poverty/statistics?unitCode={commune}&date=2025-10-01");
        Assert.Equal(3, stats.GetProperty("households").GetInt64());
        Assert.Equal(1, stats.GetProperty("poor").GetInt64());
        Assert.Equal(1, stats.GetProperty("nearPoor").GetInt64());
        Assert.Equal(33.33m, stats.GetProperty("poorRate").GetDecimal());
        Assert.Equal(1, stats.GetProperty("movements").GetProperty("newly_poor").GetInt64());
        Assert.Equal(1, stats.GetProperty("movements").GetProperty("newly_near_poor").GetInt64());
        var minority = stats.GetProperty("byGroup").EnumerateArray().Single(g => g.GetProperty("code").GetString() == "ethnic_minority");
        Assert.Equal(2, minority.GetProperty("households").GetInt64());
        Assert.Equal(1, minority.GetProperty("poor").GetInt64());
        var listed = await officer.GetFromJsonAsync<JsonElement[]>($"/api/poverty/lists?unitCode={commune}&date=2025-10-01");
        Assert.Equal(["Hoàng Thị Cận", "Nông Văn Nghèo"], listed!.Select(x => x.GetProperty("headName").GetString()).Order(StringComparer.Ordinal));
        var before = await officer.GetFromJsonAsync<JsonElement>($"/api/poverty/statistics?unitCode={commune}&date=2025-09-25");
        Assert.Equal(0, before.GetProperty("poor").GetInt64());

        // Documents.
        var certificate = await officer.GetAsync($"/api/poverty/households/{poor}/certificate.pdf?date=2025-10-01");
        Assert.Equal("application/pdf", certificate.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString((await certificate.Content.ReadAsByteArrayAsync())[..4]), StringComparison.Ordinal);
        await ConflictAsync(await officer.GetAsync($"/api/poverty/households/{screened}/certificate.pdf?date=2025-10-01"));
        var xlsx = await officer.GetAsync($"/api/poverty/rounds/{id}/decision-list.xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using (var reader = AnSinh.Platform.Excel.XlsxReader.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync())))
        {
            var rows = reader.ReadRows().Select(r => string.Join("|", r.Values)).ToList();
            Assert.Contains(rows, r => r.Contains("Nông Văn Nghèo", StringComparison.Ordinal) && r.Contains("Hộ nghèo phát sinh", StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task A_later_round_records_escape_and_falling_back_and_the_job_classifies_stored_surveys(string engine)
    {
        var app = TestApp.For(engine);
        const string commune = "01366";
        var admin = await app.AdminAsync();
        await admin.PostAsJsonAsync($"/api/admin-units/{commune}/villages", new { name = Village });
        var officer = await app.UserAsync("officer", commune);
        var a = await HouseholdAsync(officer, commune, "Đàm Văn An");
        var b = await HouseholdAsync(officer, commune, "Đàm Văn Bình");

        async Task<Guid> RoundAsync(string start, (Guid Id, long Income, string[] Deprived)[] surveys, string meeting, string posting, string decided, bool request)
        {
            var round = await OkAsync(await officer.PostAsJsonAsync("/api/poverty/rounds", new { communeCode = commune, kind = "regular", startedOn = start }));
            var id = round.GetProperty("id").GetGuid();
            var listed = (await officer.GetFromJsonAsync<JsonElement>($"/api/poverty/rounds/{id}/households")).GetProperty("items").EnumerateArray().Select(x => x.GetProperty("householdId").GetGuid()).ToList();
            var missing = surveys.Select(s => s.Id).Where(h => !listed.Contains(h)).ToList();
            if (missing.Count > 0)
            {
                Assert.True(request);
                await OkAsync(await officer.PostAsJsonAsync($"/api/poverty/rounds/{id}/requests", new { requests = missing.Select(h => new { householdId = h, formAPassed = true }) }));
            }
            foreach (var (hid, income, deprived) in surveys)
            {
                await OkAsync(await officer.PutAsJsonAsync($"/api/poverty/rounds/{id}/households/{hid}/survey", new { incomePerPersonMonthly = income, deprivations = deprived, surveyedOn = start }));
            }
            // The background job classifies the stored surveys again: the same results.
            var job = await OkAsync(await officer.PostAsync($"/api/poverty/rounds/{id}/classify", null));
            var jobId = job.GetProperty("jobId").GetGuid();
            JsonElement state = default;
            for (var i = 0; i < 100; i++)
            {
                state = await officer.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}");
                if (state.GetProperty("status").GetString() is "succeeded" or "failed")
                {
                    break;
                }
                await Task.Delay(100);
            }
            Assert.Equal("succeeded", state.GetProperty("status").GetString());
            await OkAsync(await officer.PostAsJsonAsync($"/api/poverty/rounds/{id}/meetings", new { village = Village, heldOn = meeting, attendees = 20, agreeing = 10, minutes = "Biên bản" }));
            await OkAsync(await officer.PostAsJsonAsync($"/api/poverty/rounds/{id}/posting", new { start = posting }));
            await OkAsync(await admin.PostAsJsonAsync($"/api/poverty/rounds/{id}/decision", new { decisionNumber = $"QĐ-{start}", decidedOn = decided }));
            return id;
        }

        await RoundAsync("2025-09-15", [(a, 1_000_000, ["water", "sanitation", "telecom"]), (b, 1_000_000, ["water", "sanitation", "telecom", "housing_area"])], "2025-09-17", "2025-09-18", "2025-09-24", request: true);
        // October: a escapes poverty; b stays poor.
        await RoundAsync("2025-10-15", [(a, 2_600_000, []), (b, 1_100_000, ["water", "sanitation", "telecom"])], "2025-10-16", "2025-10-17", "2025-10-23", request: false);
        // November: a falls back into poverty (filed a new request); b escapes to near-poor.
        await RoundAsync("2025-11-17", [(a, 900_000, ["water", "sanitation", "telecom"]), (b, 1_400_000, ["water"])], "2025-11-18", "2025-11-19", "2025-11-25", request: true);

        var history = await officer.GetFromJsonAsync<JsonElement[]>($"/api/poverty/households/{a}/statuses");
        Assert.Equal(["poor", "not_poor", "poor"], history!.Select(h => h.GetProperty("status").GetString()));
        Assert.Equal(["newly_poor", "escaped_poverty", "fell_back_into_poverty"], history!.Select(h => h.GetProperty("movement").GetString()));
        Assert.Equal("2025-10-22", history![0].GetProperty("to").GetString());
        var historyB = await officer.GetFromJsonAsync<JsonElement[]>($"/api/poverty/households/{b}/statuses");
        Assert.Equal(["newly_poor", "unchanged", "escaped_poverty"], historyB!.Select(h => h.GetProperty("movement").GetString()));

        var october = await officer.GetFromJsonAsync<JsonElement>($"/api/poverty/statistics?unitCode={commune}&date=2025-11-01");
        Assert.Equal(1, october.GetProperty("poor").GetInt64());
        var december = await officer.GetFromJsonAsync<JsonElement>($"/api/poverty/statistics?unitCode={commune}&date=2025-12-01");
        Assert.Equal(1, december.GetProperty("poor").GetInt64());
        Assert.Equal(1, december.GetProperty("nearPoor").GetInt64());
        Assert.Equal(50m, december.GetProperty("nearPoorRate").GetDecimal());
        Assert.Equal(1, december.GetProperty("movements").GetProperty("fell_back_into_poverty").GetInt64());

        // The status history itself: one row per period. b's unchanged October kept its open row;
        // a's escape closed its row with none new; each change opened one from the decision date.
        var db = app.NewDb(out var dbScope);
        using (dbScope)
        {
            async Task<List<string>> PeriodsAsync(Guid household) =>
                (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
                    db.Set<AnSinh.Poverty.Rounds.PovertyStatus>().Where(x => x.HouseholdId == household).OrderBy(x => x.From)))
                .Select(x => $"{x.Status} {x.From:yyyy-MM-dd}..{x.To:yyyy-MM-dd}").ToList();
            Assert.Equal(["Poor 2025-09-24..2025-10-22", "Poor 2025-11-25.."], await PeriodsAsync(a));
            Assert.Equal(["Poor 2025-09-24..2025-11-24", "NearPoor 2025-11-25.."], await PeriodsAsync(b));
        }

        // The province (today's map) counts the commune's figures too; a commune officer cannot read it.
        var province = await admin.GetFromJsonAsync<JsonElement>("/api/poverty/statistics?unitCode=04&date=2025-12-01&map=today");
        Assert.True(province.GetProperty("poor").GetInt64() >= 1);
        Assert.Contains(province.GetProperty("rows").EnumerateArray(), r => r.GetProperty("code").GetString() == commune && r.GetProperty("poor").GetInt64() == 1);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync("/api/poverty/statistics?unitCode=04&date=2025-12-01")).StatusCode);
        var sheet = await admin.GetAsync($"/api/poverty/statistics.xlsx?unitCode={commune}&date=2025-12-01");
        Assert.Equal(HttpStatusCode.OK, sheet.StatusCode);
        // The workbook carries the table of rates by year and a line chart drawn from it.
        using (var zip = new System.IO.Compression.ZipArchive(new MemoryStream(await sheet.Content.ReadAsByteArrayAsync())))
        {
            using var chart = new StreamReader(zip.GetEntry("xl/charts/chart1.xml")!.Open());
            var xml = await chart.ReadToEndAsync();
            Assert.Contains("<c:lineChart>", xml, StringComparison.Ordinal);
            Assert.Contains("Tỷ lệ hộ nghèo (%)", xml, StringComparison.Ordinal);
            Assert.NotNull(zip.GetEntry("xl/drawings/drawing1.xml"));
            using var types = new StreamReader(zip.GetEntry("[Content_Types].xml")!.Open());
            Assert.Contains("/xl/charts/chart1.xml", await types.ReadToEndAsync(), StringComparison.Ordinal);
            using var reader = AnSinh.Platform.Excel.XlsxReader.Open(new MemoryStream(await sheet.Content.ReadAsByteArrayAsync()));
            Assert.Contains(reader.ReadRows(), r => r[2] == "2025");
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/poverty/statistics?unitCode=99999&date=2025-12-01")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task Rounds_are_scoped_and_only_officers_run_them(string engine)
    {
        var app = TestApp.For(engine);
        var officer = await app.UserAsync("officer", "01387");
        var other = await app.UserAsync("officer", "01392");
        var viewer = await app.UserAsync("viewer", "01387");
        var round = await OkAsync(await officer.PostAsJsonAsync("/api/poverty/rounds", new { communeCode = "01387", kind = "periodic", startedOn = "2025-09-02" }));
        var id = round.GetProperty("id").GetGuid();
        Assert.Equal("2025-12-14", round.GetProperty("dueOn").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/poverty/rounds/{id}")).StatusCode);
        Assert.DoesNotContain((await other.GetFromJsonAsync<JsonElement[]>("/api/poverty/rounds"))!, r => r.GetProperty("id").GetGuid() == id);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"/api/poverty/rounds/{id}")).StatusCode);
        await ConflictAsync(await viewer.PostAsJsonAsync("/api/poverty/rounds", new { communeCode = "01387", kind = "regular", startedOn = "2025-10-15" }));
        Assert.True((await BadRequestAsync(await other.PostAsJsonAsync("/api/poverty/rounds", new { communeCode = "01387", kind = "regular", startedOn = "2025-10-15" }))).TryGetProperty("communeCode", out _));
        await ConflictAsync(await officer.PostAsJsonAsync($"/api/poverty/rounds/{id}/decision", new { decisionNumber = "1", decidedOn = "2025-10-01" }));
        await ConflictAsync(await officer.PostAsJsonAsync($"/api/poverty/rounds/{id}/posting", new { start = "2025-10-01" }));
    }
}
