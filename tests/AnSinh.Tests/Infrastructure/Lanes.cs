using Npgsql;

namespace AnSinh.Tests.Infrastructure;

/// <summary>
/// Which test lanes can run here. On a developer machine a lane whose server or browser is
/// missing is skipped with a reason; with ANSINH_REQUIRE_ALL_LANES=1 (set by .ci/run) or CI=true
/// a missing lane fails instead.
/// </summary>
public static class Lanes
{
    public static bool Required =>
        Environment.GetEnvironmentVariable("ANSINH_REQUIRE_ALL_LANES") == "1"
        || string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string PostgresAdminConnection =>
        Environment.GetEnvironmentVariable("ANSINH_TEST_POSTGRES")
        ?? "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres";

    public static string ChromiumPath => Environment.GetEnvironmentVariable("ANSINH_CHROMIUM") ?? "/usr/bin/chromium";

    private static readonly Lazy<string?> PostgresProblem = new(() =>
    {
        try
        {
            using var c = new NpgsqlConnection(PostgresAdminConnection + ";Timeout=3");
            c.Open();
            return null;
        }
        catch (Exception ex)
        {
            return $"PostgreSQL unreachable at {PostgresAdminConnection}: {ex.Message}";
        }
    });

    public static bool PostgresAvailable => PostgresProblem.Value is null;

    public static string? PostgresSkipReason => PostgresAvailable ? null : PostgresProblem.Value + " (set ANSINH_TEST_POSTGRES)";

    public static bool ChromiumAvailable => File.Exists(ChromiumPath);

    /// <summary>The engines every integration test runs on.</summary>
    public static TheoryData<string> Engines
    {
        get
        {
            var data = new TheoryData<string> { "sqlite" };
            if (PostgresAvailable || Required)
            {
                data.Add("postgres");
            }
            return data;
        }
    }
}

/// <summary>Reports, visibly, a lane that was skipped on this machine (and fails in CI).</summary>
public sealed class LaneFactAttribute : FactAttribute
{
    public LaneFactAttribute(string lane)
    {
        if (Lanes.Required)
        {
            return;
        }
        Skip = lane switch
        {
            "postgres" => Lanes.PostgresSkipReason,
            "browser" => Lanes.ChromiumAvailable ? null : $"Chromium not found at {Lanes.ChromiumPath} (apt-get install chromium, or set ANSINH_CHROMIUM)",
            _ => null,
        };
    }
}
