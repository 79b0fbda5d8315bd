using System.Reflection;
using AnSinh.Platform.Identity;
using AnSinh.Platform.Persistence;
using AnSinh.Registry.Households;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Metadata;

namespace AnSinh.Data;

internal static class ModuleList
{
    public static readonly Assembly[] Assemblies = [typeof(Household).Assembly, typeof(AnSinh.Poverty.Standards.PovertyStandard).Assembly, typeof(AnSinh.Funds.Ledger.Fund).Assembly, typeof(AnSinh.Benefits.Parameters.BaseLevel).Assembly, typeof(AnSinh.Programs.Targets.Target).Assembly];
}

/// <summary>The embedded default engine; its migrations are in Migrations/Sqlite.</summary>
public sealed class SqliteDbContext(DbContextOptions<SqliteDbContext> options, ICurrentActor actor, TimeProvider clock)
    : AnSinhDbContext(options, actor, clock)
{
    protected override IEnumerable<Assembly> ModuleAssemblies => ModuleList.Assemblies;

    protected override void ConfigureForEngine(ModelBuilder builder)
    {
        // Tables written by the hundred thousand rows (a province's payroll month, a round's status
        // history) key on the plain rowid: AUTOINCREMENT updates sqlite_sequence on every insert
        // and cost a fifth of the write (ADR 0021). Their keys are referred to by nothing else, so a
        // key of a deleted draft line being used again is harmless.
        builder.Entity<AnSinh.Benefits.Payroll.PayrollLine>().Property(x => x.Id).Metadata.SetValueGenerationStrategy(SqliteValueGenerationStrategy.None);
        builder.Entity<AnSinh.Poverty.Rounds.PovertyStatus>().Property(x => x.Id).Metadata.SetValueGenerationStrategy(SqliteValueGenerationStrategy.None);
    }
}

/// <summary>The engine for a province or the nation; its migrations are in Migrations/Postgres.</summary>
public sealed class PostgresDbContext(DbContextOptions<PostgresDbContext> options, ICurrentActor actor, TimeProvider clock)
    : AnSinhDbContext(options, actor, clock)
{
    protected override IEnumerable<Assembly> ModuleAssemblies => ModuleList.Assemblies;

    protected override void ConfigureForEngine(ModelBuilder builder)
    {
        // Search and sort keys are ASCII and compared byte-wise, so that range scans use the index.
        builder.Entity<Person>(b =>
        {
            b.Property(p => p.SearchName).UseCollation("C");
            b.Property(p => p.GivenSearch).UseCollation("C");
            b.Property(p => p.SortKey).UseCollation("C");
            b.Property(p => p.NationalId).UseCollation("C");
        });
    }
}

internal sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteDbContext>
{
    public SqliteDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteDbContext>().UseSqlite("Data Source=design.db").Options, new SystemActor(), TimeProvider.System);
}

internal sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresDbContext>
{
    public PostgresDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresDbContext>().UseNpgsql("Host=localhost;Database=ansinh_design").Options, new SystemActor(), TimeProvider.System);
}
