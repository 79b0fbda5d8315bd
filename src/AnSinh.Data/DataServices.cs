using AnSinh.Platform.AdminUnits;
using AnSinh.Platform.Identity;
using AnSinh.Platform.Jobs;
using AnSinh.Platform.Persistence;
using AnSinh.Platform.Scoping;
using AnSinh.Registry.Households;
using AnSinh.Registry.Import;
using AnSinh.Registry.Persons;
using AnSinh.Registry.Rehoming;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AnSinh.Data;

public sealed record DatabaseSettings(DatabaseEngine Engine, string ConnectionString)
{
    /// <summary>
    /// Database:Provider = sqlite (default) | postgres; ConnectionStrings:Default. Without a
    /// connection string SQLite uses data/ansinh.db under the working directory (or ANSINH_DATA_DIR).
    /// </summary>
    public static DatabaseSettings From(IConfiguration config)
    {
        var provider = (config["Database:Provider"] ?? "sqlite").Trim().ToLowerInvariant();
        var cs = config.GetConnectionString("Default");
        if (provider is "postgres" or "postgresql" or "npgsql")
        {
            if (string.IsNullOrWhiteSpace(cs))
            {
                throw new InvalidOperationException("Database__Provider=postgres cần ConnectionStrings__Default (chuỗi kết nối PostgreSQL).");
            }
            return new DatabaseSettings(DatabaseEngine.Postgres, cs);
        }
        if (provider != "sqlite")
        {
            throw new InvalidOperationException($"Database__Provider \"{provider}\" không được hỗ trợ: dùng sqlite hoặc postgres.");
        }
        if (string.IsNullOrWhiteSpace(cs))
        {
            var dir = config["ANSINH_DATA_DIR"] ?? Path.Combine(SourceRoot() ?? Directory.GetCurrentDirectory(), "data");
            Directory.CreateDirectory(dir);
            cs = $"Data Source={Path.Combine(dir, "ansinh.db")}";
        }
        return new DatabaseSettings(DatabaseEngine.Sqlite, cs);
    }

    /// <summary>
    /// Inside a clone, the web app and the CLI share one database at the repository root
    /// (dotnet run starts each in its own project folder); elsewhere the working directory is used.
    /// </summary>
    private static string? SourceRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AnSinh.slnx")))
            {
                return dir.FullName;
            }
        }
        return null;
    }
}

public static class DataServices
{
    public static IServiceCollection AddAnSinhCore(this IServiceCollection services, IConfiguration config)
    {
        var settings = DatabaseSettings.From(config);
        services.AddSingleton(settings);
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<ActorHolder>();
        services.TryAddScoped<ICurrentActor>(sp =>
        {
            var holder = sp.GetRequiredService<ActorHolder>();
            var system = new SystemActor();
            return new LateBoundActor(() => holder.Actor ?? system);
        });
        // No write waits without a bound (ADR 0022): past this a write answers 503 with Retry-After.
        var writeWait = int.TryParse(config["Database:WriteWaitSeconds"], out var ws) && ws is >= 1 and <= 600 ? ws : 30;
        services.AddSingleton<JobProgressBoard>();
        if (settings.Engine == DatabaseEngine.Postgres)
        {
            var pg = new Npgsql.NpgsqlConnectionStringBuilder(settings.ConnectionString);
            if (pg.Options?.Contains("lock_timeout", StringComparison.Ordinal) != true)
            {
                pg.Options = $"{pg.Options} -c lock_timeout={writeWait * 1000}".Trim();
            }
            var pgConnection = pg.ConnectionString;
            services.AddDbContext<AnSinhDbContext, PostgresDbContext>(o => o.UseNpgsql(pgConnection, n => n.CommandTimeout(600)));
            services.AddScoped<IDbContextFactory<AnSinhDbContext>, ContextFactory<PostgresDbContext>>();
            services.AddScoped<IRegistryBulkWriter, PostgresRegistryBulkWriter>();
            services.AddScoped<AnSinh.Poverty.Rounds.IReviewResultWriter, PostgresReviewResultWriter>();
            services.AddScoped<AnSinh.Benefits.Payroll.IPayrollLineWriter, PostgresPayrollLineWriter>();
        }
        else
        {
            var cacheMb = int.TryParse(config["Database:SqliteCacheMb"], out var mb) && mb is >= 2 and <= 16_384 ? mb : 128;
            var setup = new SqliteConnectionSetup(cacheMb);
            // SQLite's timeouts only bound the wait for its write lock (BEGIN IMMEDIATE uses the
            // connection's default timeout, statements the command timeout); in this process a
            // writer waits first, and as long, for the database's WriteGate.
            var sqlite = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(settings.ConnectionString) { DefaultTimeout = writeWait };
            var sqliteConnection = sqlite.ConnectionString;
            WriteGate.For(sqliteConnection).Wait = TimeSpan.FromSeconds(writeWait);
            services.AddDbContext<AnSinhDbContext, SqliteDbContext>(o => o.UseSqlite(sqliteConnection, s => s.CommandTimeout(writeWait)).AddInterceptors(setup));
            services.AddScoped<IDbContextFactory<AnSinhDbContext>, ContextFactory<SqliteDbContext>>();
            services.AddScoped<IRegistryBulkWriter, SqliteRegistryBulkWriter>();
            services.AddScoped<AnSinh.Poverty.Rounds.IReviewResultWriter, SqliteReviewResultWriter>();
            services.AddScoped<AnSinh.Benefits.Payroll.IPayrollLineWriter, SqlitePayrollLineWriter>();
        }
        services.AddDataProtection();
        services.AddIdentityCore<AppUser>(o =>
            {
                o.Password.RequiredLength = 8;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@";
            })
            .AddEntityFrameworkStores<AnSinhDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.AddScoped<ScopeResolver>();
        services.AddScoped<UnitPicker>();
        services.AddScoped<HouseholdService>();
        services.AddScoped<PersonSearch>();
        services.AddScoped<RegistryExport>();
        services.AddScoped<RehomingService>();
        services.AddScoped<HouseholdImport>();
        services.AddScoped<IJobHandler, HouseholdImportJob>();
        services.AddSingleton<JobQueue>();
        services.AddScoped<DatabaseInitializer>();
        services.AddScoped<AnSinh.Platform.Calendar.WorkCalendars>();
        services.AddScoped<AnSinh.Poverty.Standards.ManageStandards>();
        services.AddScoped<AnSinh.Poverty.Standards.ManageScoreTables>();
        var attachmentMb = int.TryParse(config["Attachments:MaxMb"], out var amb) && amb is >= 1 and <= 100 ? amb : 10;
        services.AddScoped(sp => new AnSinh.Platform.Attachments.AttachmentStore(sp.GetRequiredService<AnSinhDbContext>(), attachmentMb));
        services.AddScoped<AnSinh.Poverty.Rounds.ReviewRounds>();
        services.AddScoped<AnSinh.Poverty.Statistics.PovertyStatistics>();
        services.AddScoped<AnSinh.Poverty.Rounds.RoundQueries>();
        services.AddScoped<AnSinh.Poverty.Documents.PovertyDocuments>();
        services.AddScoped<IJobHandler, AnSinh.Poverty.Rounds.ClassifyRoundJob>();
        services.AddScoped<AnSinh.Funds.Funds.FundDirectory>();
        services.AddSingleton<AnSinh.Funds.Ledger.ReceiptBatcher>();
        services.AddScoped<AnSinh.Funds.Ledger.FundLedger>();
        services.AddScoped<AnSinh.Funds.Funds.FundQueries>();
        services.AddScoped<AnSinh.Funds.Funds.Campaigns>();
        services.AddScoped<AnSinh.Funds.Reports.FundReports>();
        services.AddScoped<AnSinh.Funds.Reports.PublicAccounts>();
        services.AddScoped<AnSinh.Funds.Inspection.SelfInspection>();
        services.AddScoped<AnSinh.Funds.Documents.FundDocuments>();
        services.AddScoped<AnSinh.Funds.Gifts.GiftCampaigns>();
        services.AddScoped<AnSinh.Benefits.Parameters.BenefitParameters>();
        services.AddScoped<AnSinh.Benefits.Registers.BeneficiaryRegister>();
        services.AddScoped<AnSinh.Benefits.Payroll.Payrolls>();
        services.AddScoped<AnSinh.Benefits.Payroll.PayrollDocuments>();
        services.AddScoped<AnSinh.Benefits.Payroll.PayrollJob>();
        services.AddScoped<AnSinh.Benefits.HealthCards.HealthCards>();
        services.AddScoped<AnSinh.Benefits.HealthCards.CardDocuments>();
        services.AddScoped<AnSinh.Benefits.PresidentGifts.PresidentGiftLists>();
        services.AddScoped<AnSinh.Benefits.Relief.EmergencyRelief>();
        services.AddScoped<AnSinh.Benefits.Dossiers.AssistanceDossiers>();
        services.AddScoped<IJobHandler>(sp => sp.GetRequiredService<AnSinh.Benefits.Payroll.PayrollJob>());
        services.AddScoped<AnSinh.Funds.Gifts.GiftDocuments>();
        services.AddScoped<AnSinh.Programs.Indicators.IndicatorEngine>();
        services.AddScoped<AnSinh.Programs.Indicators.IndicatorSummaries>();
        services.AddScoped<AnSinh.Programs.Targets.Targets>();
        services.AddScoped<AnSinh.Programs.Records.ProgramRecords>();
        services.AddScoped<AnSinh.Programs.Housing.HousingWorks>();
        services.AddScoped<AnSinh.Programs.Helpers.HelperAssignments>();
        services.AddScoped<AnSinh.Programs.Reports.SocialReports>();
        services.AddScoped<AnSinh.Platform.Reporting.IPeriodLock, AnSinh.Programs.Reports.ReportPeriodLock>();
        services.AddScoped<AnSinh.Programs.Reports.PublicFigures>();
        services.AddScoped<AnSinh.Funds.Import.FundReceiptImport>();
        services.AddScoped<IJobHandler, AnSinh.Funds.Import.FundReceiptImportJob>();
        return services;
    }

    private sealed class ContextFactory<T>(IServiceProvider services) : IDbContextFactory<AnSinhDbContext>
        where T : AnSinhDbContext
    {
        public AnSinhDbContext CreateDbContext() => ActivatorUtilities.CreateInstance<T>(services);
    }
}
