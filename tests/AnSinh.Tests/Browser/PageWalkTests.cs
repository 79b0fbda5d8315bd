using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using AnSinh.Tests.Infrastructure;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace AnSinh.Tests.Browser;

/// <summary>
/// Walks every page an administrator can reach from the navigation, and one page of each kind
/// linked from there (a household, a fund, a payroll, a round…), over a small demo province with
/// a fund, a review round, a payroll, campaigns and a house built. On each page: one page-specific
/// <c>&lt;title&gt;</c>; no internal code, GUID or UTC time stamp in the visible text; no sideways
/// scroll at 390 px; no serious or critical accessibility violation (axe). Every problem found is
/// listed in one failure, page by page. With ANSINH_BROWSER_SHOTS set, each page is kept as a
/// picture at both widths.
/// </summary>
public sealed partial class PageWalkTests : BrowserTest
{
    protected override int DemoPeople => 1_500;

    /// <summary>Codes of the modules that, standing alone in Vietnamese text, mean a display name is missing.</summary>
    private static readonly HashSet<string> SingleWordCodes =
    [
        "listing", "listed", "surveying", "reviewed", "decided", "approved", "rejected", "draft", "frozen", "paid", "posted",
        "posting", "reversal", "receipt", "spending", "opening", "allocation", "cash", "bank", "goods", "withheld", "arrears",
        "regular", "yearly", "special", "relief", "disaster", "medical", "study", "production", "merit", "policy", "head",
        "spouse", "child", "parent", "grandchild", "other", "none", "resident", "deceased", "poor", "urban", "rural", "tet",
        "filed", "started", "completed", "handed", "household", "person", "individual", "organization", "enterprise",
        "anonymous", "hero", "elderly", "mild", "severe", "unchanged", "incomplete", "open", "closed", "pending", "active", "inactive", "suspended",
        "male", "female", "flood", "storm", "drought", "officer", "inspector", "leader", "province", "commune", "district",
    ];

    private static readonly string[] Skip = ["/logout", "/lang/", "/api/", "/account/", "/public", ".pdf", ".xlsx", ".csv"];

    [LaneFact("browser")]
    public async Task Every_page_has_one_title_no_raw_code_fits_a_phone_and_passes_axe()
    {
        using var admin = await AdminApiAsync();
        await PrepareAsync(admin);

        var page = await NewPageAsync();
        await SignInAsAdminAsync(page);
        await page.SetViewportSizeAsync(1366, 900);
        await page.GotoAsync("/dashboard");
        var start = await page.EvalOnSelectorAllAsync<string[]>("nav#nav a[href]", "as => as.map(a => a.getAttribute('href'))");
        Assert.True(start.Length >= 15, $"only {start.Length} navigation links");

        var queue = new Queue<string>(start.Distinct());
        var seenKinds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var url in start)
        {
            seenKinds.Add(Kind(url));
        }
        var problems = new List<string>();
        var walked = 0;
        while (queue.Count > 0 && walked < 80)
        {
            var url = queue.Dequeue();
            walked++;
            await page.SetViewportSizeAsync(1366, 900);
            var response = await page.GotoAsync(url);
            if (response is null || response.Status >= 400)
            {
                problems.Add($"{url}: HTTP {response?.Status}");
                continue;
            }
            problems.AddRange((await CheckAsync(page)).Select(p => $"{url}: {p}"));
            await ShotAsync(page, url, 1366);

            var links = await page.EvalOnSelectorAllAsync<string[]>("main a[href^='/']", "as => as.map(a => a.getAttribute('href'))");
            foreach (var link in links)
            {
                if (Skip.Any(s => link.Contains(s, StringComparison.Ordinal)) || !seenKinds.Add(Kind(link)))
                {
                    continue;
                }
                queue.Enqueue(link);
            }

            await page.SetViewportSizeAsync(390, 844);
            if (!await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"))
            {
                problems.Add($"{url}: scrolls sideways at 390 px ({await page.EvaluateAsync<int>("document.documentElement.scrollWidth")} px)");
            }
            await ShotAsync(page, url, 390);
        }

        Assert.True(walked >= 25, $"walked only {walked} pages");
        Assert.True(problems.Count == 0, $"{problems.Count} problems on {walked} pages:\n" + string.Join("\n", problems));
    }

    /// <summary>The page shape of a link: ids and codes replaced, the query left out.</summary>
    private static string Kind(string url)
    {
        var path = url.Split('?', '#')[0];
        return IdPart().Replace(path, "/{id}");
    }

    private static async Task<List<string>> CheckAsync(IPage page)
    {
        var problems = new List<string>();
        var titles = await page.EvaluateAsync<int>("document.querySelectorAll('title:not(svg title)').length");
        var title = await page.TitleAsync();
        if (titles != 1 || title.Trim() is "AnSinh" or "")
        {
            problems.Add($"{titles} <title> elements, title “{title}”");
        }

        // Code samples for administrators (a CSV header, a command line) are meant to be read as code.
        var text = await page.EvaluateAsync<string>(
            "(() => { const s = document.createElement('style'); s.textContent = 'code, pre, kbd { display: none !important; }'; document.head.append(s); const t = document.body.innerText; s.remove(); return t; })()");
        var leaks = new SortedSet<string>(StringComparer.Ordinal);
        foreach (Match m in SnakeOrDotted().Matches(text))
        {
            leaks.Add(m.Value);
        }
        foreach (Match m in Word().Matches(text))
        {
            if (SingleWordCodes.Contains(m.Value))
            {
                leaks.Add(m.Value);
            }
        }
        foreach (Match m in Guid().Matches(text))
        {
            leaks.Add("GUID " + m.Value[..8] + "…");
        }
        foreach (Match m in UtcStamp().Matches(text))
        {
            leaks.Add("UTC " + m.Value);
        }
        foreach (Match m in InvariantNumber().Matches(text))
        {
            leaks.Add("number not in vi-VN " + m.Value);
        }
        if (leaks.Count > 0)
        {
            problems.Add("raw codes in visible text: " + string.Join(", ", leaks));
        }

        var axe = await page.RunAxe(new AxeRunOptions { ResultTypes = [ResultType.Violations] });
        foreach (var v in axe.Violations.Where(v => v.Impact is "serious" or "critical"))
        {
            problems.Add($"axe {v.Impact} {v.Id}: {v.Help} ({v.Nodes.Length}× e.g. {v.Nodes.FirstOrDefault()?.Target})");
        }
        return problems;
    }

    private static async Task ShotAsync(IPage page, string url, int width)
    {
        if (Environment.GetEnvironmentVariable("ANSINH_BROWSER_SHOTS") is not { } dir)
        {
            return;
        }
        var folder = Path.Combine(dir, "pages");
        Directory.CreateDirectory(folder);
        var name = Kind(url).Trim('/').Replace("/", "-", StringComparison.Ordinal).Replace("{id}", "x", StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{(name.Length == 0 ? "home" : name)}-{width}.png"), FullPage = true });
    }

    /// <summary>Something on every kind of page: a fund with a receipt, a round, a payroll, campaigns, a house, a flood.</summary>
    private static async Task PrepareAsync(HttpClient admin)
    {
        var households = await JsonAsync(await admin.GetAsync("/api/households?pageSize=5"));
        var first = households.GetProperty("items")[0];
        var commune = first.GetProperty("communeCode").GetString()!;
        var household = first.GetProperty("id").GetString()!;

        var fund = (await JsonAsync(await admin.PostAsJsonAsync("/api/funds", new { unitCode = commune, kind = "for_the_poor", name = TestData.Unique("Quỹ Vì người nghèo xã ") }))).GetProperty("id").GetString();
        await JsonAsync(await admin.PostAsJsonAsync($"/api/funds/{fund}/receipts", new { date = "2026-10-02", donor = new { name = "Công ty Bình Minh", type = "enterprise" }, form = "cash", amount = 1_500_000, description = "Ủng hộ Quỹ" }));
        await JsonAsync(await admin.PostAsJsonAsync("/api/poverty/rounds", new { communeCode = commune, kind = "regular", startedOn = "2026-09-15" }));
        await JsonAsync(await admin.PostAsJsonAsync("/api/payroll/runs", new { communeCode = commune, month = "2026-11" }));
        await JsonAsync(await admin.PostAsJsonAsync("/api/president-gifts", new { communeCode = commune, occasion = "tet", year = 2026 }));
        await JsonAsync(await admin.PostAsJsonAsync("/api/programs/housing", new { householdId = household, programme = "great_unity", workKind = "new_build", listedOn = "2026-02-01", estimatedCost = 60_000_000 }));
        await JsonAsync(await admin.PostAsJsonAsync("/api/relief/events", new { kind = "flood", name = TestData.Unique("Lũ tháng 9 "), occurredOn = "2026-09-10", communeCodes = new[] { commune } }));
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    [GeneratedRegex(@"/(?:[0-9a-f]{8}-[0-9a-f-]{27}|\d{2,}(?:-\d+)*)(?=/|$)")]
    private static partial Regex IdPart();

    [GeneratedRegex(@"\b[a-z]+(?:_[a-z0-9]+)+\b|\b[a-z]{3,}\.[a-z]+_[a-z_]+\b")]
    private static partial Regex SnakeOrDotted();

    [GeneratedRegex(@"(?<![\p{L}\-/.@])[a-z]+(?![\p{L}\-/.@])")]
    private static partial Regex Word();

    [GeneratedRegex(@"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b")]
    private static partial Regex Guid();

    [GeneratedRegex(@"\b\d{1,3}(?:,\d{3}){2,}\b|\b\d+\.\d{1,2} ?%")]
    private static partial Regex InvariantNumber();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")]
    private static partial Regex UtcStamp();
}
