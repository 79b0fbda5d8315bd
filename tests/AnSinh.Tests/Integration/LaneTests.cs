using AnSinh.Tests.Infrastructure;

namespace AnSinh.Tests.Integration;

/// <summary>Says plainly when a lane could not run here (skipped with the reason), and fails in CI.</summary>
public sealed class LaneTests
{
    [LaneFact("postgres")]
    public void The_postgres_lane_runs() => Assert.True(Lanes.PostgresAvailable, Lanes.PostgresSkipReason);

    [LaneFact("browser")]
    public void The_browser_lane_runs() => Assert.True(Lanes.ChromiumAvailable, $"Chromium not found at {Lanes.ChromiumPath}");
}
