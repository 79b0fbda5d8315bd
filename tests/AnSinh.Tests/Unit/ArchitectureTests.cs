using System.Reflection;

namespace AnSinh.Tests.Unit;

/// <summary>Module boundaries: the platform knows no module; a module knows the platform, never the host or the data project.</summary>
public sealed class ArchitectureTests
{
    private static IReadOnlyList<string> References(Assembly a) => a.GetReferencedAssemblies().Select(r => r.Name!).ToList();

    [Fact]
    public void The_platform_depends_on_no_module_and_no_host()
    {
        var refs = References(typeof(AnSinh.Platform.Persistence.AnSinhDbContext).Assembly);
        Assert.DoesNotContain(refs, r => r.StartsWith("AnSinh.", StringComparison.Ordinal));
    }

    [Fact]
    public void The_registry_module_depends_only_on_the_platform()
    {
        var refs = References(typeof(AnSinh.Registry.Households.Household).Assembly).Where(r => r.StartsWith("AnSinh.", StringComparison.Ordinal)).ToList();
        Assert.Equal(["AnSinh.Platform"], refs);
        Assert.DoesNotContain(References(typeof(AnSinh.Registry.Households.Household).Assembly), r => r.StartsWith("Npgsql", StringComparison.Ordinal) || r.Contains("Sqlite", StringComparison.Ordinal));
    }

    [Fact]
    public void The_cli_does_not_depend_on_the_web_host()
    {
        var refs = References(typeof(AnSinh.Cli.CliApp).Assembly);
        Assert.DoesNotContain("AnSinh.Web", refs);
    }

    [Fact]
    public void The_poverty_module_depends_only_on_the_platform_and_the_register()
    {
        // The review works on the register's households; the register knows nothing of the review.
        var refs = References(typeof(AnSinh.Poverty.Standards.PovertyStandard).Assembly).Where(r => r.StartsWith("AnSinh.", StringComparison.Ordinal)).ToList();
        Assert.All(refs, r => Assert.Contains(r, new[] { "AnSinh.Platform", "AnSinh.Registry" }));
        Assert.DoesNotContain("AnSinh.Poverty", References(typeof(AnSinh.Registry.Households.Household).Assembly));
    }

    [Fact]
    public void Every_write_transaction_is_begun_through_the_write_gate()
    {
        // ADR 0022: one lock order; a raw BeginTransaction on SQLite would take the database's lock without the gate.
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "AnSinh.slnx")))
        {
            root = root.Parent;
        }
        Assert.NotNull(root);
        var offenders = Directory.EnumerateFiles(Path.Combine(root.FullName, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.EndsWith("AnSinhDbContext.cs", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains("Database.BeginTransaction", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(root.FullName, f))
            .ToList();
        Assert.Empty(offenders);
    }
}
