using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AnSinh.Platform.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AnSinh.Tests.Infrastructure;

/// <summary>
/// One running app per engine for the whole test run, on a database made fresh for the run:
/// a temporary SQLite file, or a new PostgreSQL database. Tests create their own data
/// (unique codes and ID numbers) so they do not depend on each other.
/// </summary>
public sealed class TestApp : WebApplicationFactory<Program>
{
    public const string AdminPassword = "Admin-pass-2025";
    private static readonly ConcurrentDictionary<string, Lazy<TestApp>> Apps = new();
    private readonly string _connection;
    private int _demoPeople;

    public string Engine { get; }

    private TestApp(string engine, string connection)
    {
        Engine = engine;
        _connection = connection;
    }

    public static TestApp For(string engine) => Apps.GetOrAdd(engine, e => new Lazy<TestApp>(() => Create(e))).Value;

    /// <summary>A separate app on a real Kestrel port (SQLite) for the browser journeys.</summary>
    public static TestApp ForBrowser(int demoPeople = 0)
    {
        var app = Create("sqlite");
        app._demoPeople = demoPeople;
        app.UseKestrel(0);
        app.StartServer();
        return app;
    }

    private static TestApp Create(string engine)
    {
        if (engine == "postgres")
        {
            if (!Lanes.PostgresAvailable)
            {
                throw new InvalidOperationException("PostgreSQL lane required but unavailable: " + Lanes.PostgresSkipReason);
            }
            var name = "ansinh_test_" + Guid.NewGuid().ToString("N")[..12];
            using (var c = new NpgsqlConnection(Lanes.PostgresAdminConnection))
            {
                c.Open();
                using var cmd = c.CreateCommand();
                cmd.CommandText = $"CREATE DATABASE {name}";
                cmd.ExecuteNonQuery();
            }
            return new TestApp(engine, $"{Lanes.PostgresAdminConnection};Database={name}");
        }
        var file = Path.Combine(Path.GetTempPath(), $"ansinh-test-{Guid.NewGuid():N}.db");
        return new TestApp(engine, $"Data Source={file}");
    }

    public static string ConnectionFor(string engine) => For(engine)._connection;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Database:Provider", Engine);
        builder.UseSetting("ConnectionStrings:Default", _connection);
        builder.UseSetting("ANSINH_ADMIN_PASSWORD", AdminPassword);
        builder.UseSetting("ANSINH_DEMO", _demoPeople > 0 ? "true" : "false");
        builder.UseSetting("ANSINH_DEMO_PEOPLE", _demoPeople.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseEnvironment("Testing");
        builder.ConfigureLogging(l => l.AddProvider(new FileErrorLoggerProvider(Path.Combine(Path.GetTempPath(), "ansinh-tests.log"))));
    }

    public T Service<T>(Func<IServiceProvider, T> use)
    {
        using var scope = Services.CreateScope();
        return use(scope.ServiceProvider);
    }

    public AnSinhDbContext NewDb(out IServiceScope scope)
    {
        scope = Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<AnSinhDbContext>();
    }

    public async Task<HttpClient> ClientAsAsync(string userName, string password)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { userName, password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public Task<HttpClient> AdminAsync() => ClientAsAsync("admin", AdminPassword);

    /// <summary>Creates a user with a role and scope through the API and returns a client signed in as them.</summary>
    public async Task<HttpClient> UserAsync(string role, string? scope)
    {
        var admin = await AdminAsync();
        var name = $"{role}-{Guid.NewGuid():N}"[..20];
        var response = await admin.PostAsJsonAsync("/api/users", new { userName = name, password = "Pass-word-123", role, scopeUnitCode = scope });
        response.EnsureSuccessStatusCode();
        return await ClientAsAsync(name, "Pass-word-123");
    }
}

/// <summary>Test data that never collides between tests: unique national ID numbers and codes.</summary>
public static class TestData
{
    /// <summary>Today in Vietnam (UTC+7), as the application takes it: between 17:00 and 24:00 UTC the server's date is yesterday.</summary>
    public static DateTime Today => AnSinh.Platform.Calendar.VietnamTime.Now(TimeProvider.System).DateTime.Date;

    private static int _counter = Random.Shared.Next(0, 400_000);

    /// <summary>A valid 12-digit ID for the sex and year (Circular 59/2021 layout).</summary>
    public static string NationalId(bool male, int year)
    {
        var n = Interlocked.Increment(ref _counter);
        var century = (year / 100 - 19) * 2 + (male ? 0 : 1);
        return $"0{99 - (n / 1_000_000 % 10):D2}{century}{year % 100:D2}{n % 1_000_000:D6}";
    }

    public static string Unique(string prefix) => $"{prefix}{Interlocked.Increment(ref _counter)}";

    public static object Household(string communeCode, string headName, params object[] others) => new
    {
        communeCode,
        village = "",
        address = "Số 10, đường Trần Phú",
        members = new object[]
        {
            new { fullName = headName, sex = "male", birthDate = "1975-04-12", nationalId = NationalId(true, 1975), ethnicity = "Kinh", relationship = "head" },
        }.Concat(others).ToArray(),
    };
}
