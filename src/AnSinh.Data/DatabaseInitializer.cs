using System.Security.Cryptography;
using AnSinh.Platform.AdminUnits;
using AnSinh.Platform.Identity;
using AnSinh.Platform.Persistence;
using AnSinh.Registry.Demo;
using AnSinh.Registry.Households;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AnSinh.Data;

public sealed record SeedResult(int Households, int Persons, int Villages);

/// <summary>Brings a database to the current schema and fills what a first start needs.</summary>
public sealed class DatabaseInitializer(AnSinhDbContext db, UserManager<AppUser> users, IRegistryBulkWriter bulk)
{
    /// <summary>Default demo province: Sơn La (14), one of the seeds' provinces, kept whole in 2025.</summary>
    public const string DemoProvince = "14";

    public async Task MigrateAsync(CancellationToken ct = default)
    {
        if (db.Engine == DatabaseEngine.Sqlite)
        {
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
        await db.Database.MigrateAsync(ct);
    }

    /// <summary>Loads both maps and the 2025 links once; returns the number of units loaded (0 when already there).</summary>
    public async Task<int> EnsureAdminUnitsAsync(CancellationToken ct = default)
    {
        if (await db.AdminUnits.AnyAsync(ct))
        {
            return 0;
        }
        var map = AdminMapSource.Load();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var tx = await db.BeginWriteAsync(ct);
        // Parents first: provinces, districts, communes.
        foreach (var level in new[] { AdminLevel.Province, AdminLevel.District, AdminLevel.Commune })
        {
            db.AdminUnits.AddRange(map.Units.Where(u => u.Level == level));
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        db.AdminUnitLinks.AddRange(map.Links);
        db.Audit("admin_units.load", "admin_unit", null, null, after: new
        {
            units = map.Units.Count,
            links = map.Links.Count,
            warnings = map.Warnings.Take(50).ToArray(),
            warningCount = map.Warnings.Count,
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        return map.Units.Count;
    }

    /// <summary>Creates the administrator once. Returns the generated password when none was given, else null.</summary>
    public async Task<(bool Created, string? GeneratedPassword)> EnsureAdministratorAsync(string? password, CancellationToken ct = default)
    {
        if (await users.FindByNameAsync("admin") is not null)
        {
            return (false, null);
        }
        var generated = string.IsNullOrWhiteSpace(password);
        var pw = generated ? GeneratePassword() : password!;
        var user = new AppUser { UserName = "admin", Role = Role.Administrator, DisplayName = "Quản trị hệ thống", LockoutEnabled = true };
        var result = await users.CreateAsync(user, pw);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Không tạo được tài khoản quản trị: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
        db.Audit("user.create", "user", user.Id.ToString(), null, after: new { user.UserName, role = Roles.Code(Role.Administrator) });
        await db.SaveChangesAsync(ct);
        return (true, generated ? pw : null);
    }

    /// <summary>Loads the shipped poverty standards into an empty table; later corrections are data.</summary>
    public async Task<int> EnsurePovertyStandardsAsync(CancellationToken ct = default)
    {
        if (await db.Set<AnSinh.Poverty.Standards.PovertyStandard>().AnyAsync(ct))
        {
            return 0;
        }
        var standards = AnSinh.Poverty.Standards.ShippedStandards.All;
        db.AddRange(standards);
        db.Audit("poverty_standards.load", "poverty_standard", null, null, after: standards.Select(x => new { x.Code, x.ValidFrom, x.ValidTo, x.RuralIncomeLine, x.UrbanIncomeLine, x.ProvisionalFields }));
        await db.SaveChangesAsync(ct);
        return standards.Count;
    }

    /// <summary>Loads the shipped public-holiday calendar into an empty table; later years and corrections are data.</summary>
    public async Task<int> EnsureHolidaysAsync(CancellationToken ct = default)
    {
        if (await db.Set<AnSinh.Platform.Calendar.PublicHoliday>().AnyAsync(ct))
        {
            return 0;
        }
        var rows = AnSinh.Platform.Calendar.ShippedHolidays.All;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.AddRange(rows);
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        db.Audit("public_holidays.load", "public_holiday", null, null, after: new { rows = rows.Count, years = rows.Select(r => r.Date.Year).Distinct().ToArray() });
        await db.SaveChangesAsync(ct);
        return rows.Count;
    }

    /// <summary>The shipped benefit parameters (base levels, coefficients, merit tables), loaded once into an empty database.</summary>
    public async Task<int> EnsureBenefitParametersAsync(CancellationToken ct = default)
    {
        var cardGroups = 0;
        if (!await db.Set<AnSinh.Benefits.HealthCards.CardGroup>().AnyAsync(ct))
        {
            var groups = AnSinh.Benefits.Parameters.ShippedParameters.CardGroups;
            db.AddRange(groups);
            db.Audit("benefit_parameters.load", "benefit_card_groups", null, null, after: new { cardGroups = groups.Select(g => g.Code) });
            await db.SaveChangesAsync(ct);
            cardGroups = groups.Count;
        }
        if (!await db.Set<AnSinh.Benefits.PresidentGifts.GiftLevel>().AnyAsync(ct))
        {
            var gifts = AnSinh.Benefits.Parameters.ShippedParameters.GiftLevels;
            db.AddRange(gifts);
            db.Audit("benefit_parameters.load", "benefit_gift_levels", null, null, after: new { giftLevels = gifts.Select(g => g.Row) });
            await db.SaveChangesAsync(ct);
            cardGroups += gifts.Count;
        }
        if (!await db.Set<AnSinh.Benefits.Relief.ReliefRate>().AnyAsync(ct))
        {
            var relief = AnSinh.Benefits.Parameters.ShippedParameters.ReliefRates;
            db.AddRange(relief);
            db.Audit("benefit_parameters.load", "benefit_relief_rates", null, null, after: new { reliefRates = relief.Select(r => r.Code) });
            await db.SaveChangesAsync(ct);
            cardGroups += relief.Count;
        }
        if (await db.Set<AnSinh.Benefits.Parameters.BaseLevel>().AnyAsync(ct))
        {
            // A database loaded by an earlier version gets the coefficient rows shipped since.
            var have = (await db.Set<AnSinh.Benefits.Parameters.AssistanceCoefficient>().AsNoTracking().ToListAsync(ct))
                .Select(c => (c.Clause, c.Disability, c.MinAge, c.ValidFrom)).ToHashSet();
            var missing = AnSinh.Benefits.Parameters.ShippedParameters.Coefficients.Where(c => !have.Contains((c.Clause, c.Disability, c.MinAge, c.ValidFrom))).ToList();
            if (missing.Count == 0)
            {
                return cardGroups;
            }
            db.AddRange(missing);
            db.Audit("benefit_parameters.load", "benefit_parameters", null, null, after: new { coefficients = missing.Select(c => c.Clause) });
            await db.SaveChangesAsync(ct);
            return missing.Count + cardGroups;
        }
        var levels = AnSinh.Benefits.Parameters.ShippedParameters.BaseLevels;
        var coefficients = AnSinh.Benefits.Parameters.ShippedParameters.Coefficients;
        var rates = AnSinh.Benefits.Parameters.ShippedParameters.MeritRates();
        db.AddRange(levels);
        db.AddRange(coefficients);
        db.AddRange(rates);
        db.Audit("benefit_parameters.load", "benefit_parameters", null, null, after: new { baseLevels = levels.Count, coefficients = coefficients.Count, meritRates = rates.Count });
        await db.SaveChangesAsync(ct);
        return levels.Count + coefficients.Count + rates.Count + cardGroups;
    }

    public async Task<bool> HasHouseholdsAsync(CancellationToken ct = default) => await db.Set<Household>().AnyAsync(ct);

    /// <summary>
    /// Demo beneficiaries drawn from the demo register, so a new user finds a payroll to compute:
    /// residents aged 80 or more receive the allowance of clause 5.5c (Decree 20/2021), and one in
    /// thirty residents born before 1960 is recorded as the relative of a martyr. Entitled from
    /// January of the current year. Only into a database without beneficiaries.
    /// </summary>
    public async Task<int> SeedDemoBeneficiariesAsync(string provinceCode, CancellationToken ct = default)
    {
        if (await db.Set<AnSinh.Benefits.Registers.Beneficiary>().AnyAsync(ct))
        {
            return 0;
        }
        var today = db.Today();
        var from = new DateOnly(today.Year, 1, 1);
        var oldest = today.Year - 80;
        var people = await db.Set<Person>().AsNoTracking()
            .Where(p => p.ProvinceCode == provinceCode && p.Status == PersonStatus.Resident && p.BirthYear < 1960)
            .OrderBy(p => p.Id).ToListAsync(ct);
        var rows = new List<AnSinh.Benefits.Registers.Beneficiary>();
        var n = 0;
        foreach (var p in people)
        {
            var birth = new DateOnly(p.BirthYear, p.BirthMonth ?? 1, p.BirthDay ?? 1);
            var elderly = p.BirthYear < oldest;
            var merit = !elderly && n++ % 30 == 0;
            if (!elderly && !merit)
            {
                continue;
            }
            rows.Add(new AnSinh.Benefits.Registers.Beneficiary
            {
                Id = Guid.CreateVersion7(),
                PersonId = p.Id,
                HouseholdId = p.HouseholdId,
                CommuneUnitId = p.CommuneUnitId,
                CommuneCode = p.CommuneCode,
                ProvinceCode = p.ProvinceCode,
                FullName = p.FullName,
                BirthDate = birth,
                NationalId = p.NationalId,
                Scheme = elderly ? AnSinh.Benefits.Parameters.Scheme.SocialAssistance : AnSinh.Benefits.Parameters.Scheme.Merit,
                Clauses = elderly ? "5.5c" : null,
                Category = elderly ? null : "martyr_relative",
                Martyrs = elderly ? 0 : 1,
                DecisionNumber = $"QĐ mẫu {rows.Count + 1}/{from.Year}",
                DecisionDate = from,
                EntitledFrom = from,
                CreatedAt = db.Now(),
                ChangedAt = db.Now(),
                CreatedBy = "demo",
            });
        }
        db.AddRange(rows);
        db.Audit("beneficiary.demo_seed", "beneficiary", null, provinceCode, after: new { rows = rows.Count });
        await db.SaveChangesAsync(ct);
        return rows.Count;
    }

    /// <summary>
    /// Makes synthetic households for the communes of a province of today's map (the same data for the same seed).
    /// Refuses a province that already has households.
    /// </summary>
    public async Task<SeedResult> SeedAsync(string provinceCode, int people, int seed, Action<int, int>? progress = null, CancellationToken ct = default)
    {
        var today = db.Today();
        var communes = await db.AdminUnits.AsNoTracking().ValidOn(today)
            .Where(u => u.Level == AdminLevel.Commune && u.ProvinceCode == provinceCode)
            .OrderBy(u => u.Code)
            .Select(u => new CommuneInfo(u.Id, u.Code, u.CurrentProvinceCode, u.IsUrban))
            .ToListAsync(ct);
        if (communes.Count == 0)
        {
            throw new Platform.Errors.InputValidationException("province", $"Không có tỉnh mã \"{provinceCode}\" trong danh mục hiện hành.");
        }
        if (await db.Set<Household>().AnyAsync(h => h.ProvinceCode == provinceCode, ct))
        {
            throw new Platform.Errors.RuleViolationException($"Tỉnh {provinceCode} đã có hộ trong sổ; dữ liệu mẫu chỉ tạo cho tỉnh chưa có dữ liệu.");
        }
        var villages = PopulationGenerator.Villages(communes, seed);
        var generator = new PopulationGenerator(seed, today);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var tx = await db.BeginWriteAsync(ct);
        var existingVillages = (await db.Villages.AsNoTracking().Where(v => communes.Select(c => c.Id).Contains(v.CommuneUnitId)).Select(v => new { v.CommuneUnitId, v.Name }).ToListAsync(ct))
            .Select(v => (v.CommuneUnitId, v.Name)).ToHashSet();
        var newVillages = villages.Where(v => !existingVillages.Contains((v.CommuneId, v.Name)))
            .Select(v => new Village { CommuneUnitId = v.CommuneId, Name = v.Name, SearchName = Platform.Text.VietnameseText.SearchKey(v.Name) }).ToList();
        db.Villages.AddRange(newVillages);
        await db.SaveChangesAsync(ct);
        var villageIds = await db.Villages.AsNoTracking().Where(v => communes.Select(c => c.Id).Contains(v.CommuneUnitId))
            .ToDictionaryAsync(v => (v.CommuneUnitId, v.Name), v => v.Id, ct);
        db.ChangeTracker.Clear();

        var households = new List<Household>(5000);
        var persons = new List<Person>(20000);
        int totalHouseholds = 0, totalPersons = 0;
        foreach (var g in generator.Households(communes, villages, people, _ => 1))
        {
            g.Household.VillageId = villageIds.GetValueOrDefault((g.Household.CommuneUnitId, g.Household.VillageName!));
            households.Add(g.Household);
            persons.AddRange(g.Members);
            if (households.Count >= 5000)
            {
                await FlushAsync();
            }
        }
        await FlushAsync();
        db.Audit("registry.seed", "household", null, provinceCode, after: new { provinceCode, people, seed, households = totalHouseholds, persons = totalPersons });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        return new SeedResult(totalHouseholds, totalPersons, newVillages.Count);

        async Task FlushAsync()
        {
            if (households.Count == 0)
            {
                return;
            }
            await bulk.WriteAsync(households, persons, new DateOnly(2020, 1, 1), HouseholdEventKind.Registered, "seed", ct);
            totalHouseholds += households.Count;
            totalPersons += persons.Count;
            households.Clear();
            persons.Clear();
            progress?.Invoke(totalPersons, people);
        }
    }

    /// <summary>16 random characters that always meet the password rules (a lower-case letter and a digit).</summary>
    public static string GeneratePassword()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        const string lower = "abcdefghijkmnpqrstuvwxyz";
        const string digits = "23456789";
        var chars = Enumerable.Range(0, 14).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]).ToList();
        chars.Insert(RandomNumberGenerator.GetInt32(chars.Count + 1), lower[RandomNumberGenerator.GetInt32(lower.Length)]);
        chars.Insert(RandomNumberGenerator.GetInt32(chars.Count + 1), digits[RandomNumberGenerator.GetInt32(digits.Length)]);
        return new string(chars.ToArray());
    }
}
