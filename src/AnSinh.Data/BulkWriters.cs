using System.Data.Common;
using System.Globalization;
using AnSinh.Platform.Persistence;
using AnSinh.Registry.Households;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace AnSinh.Data;

/// <summary>SQLite: prepared INSERTs reused for every row, in the caller's transaction.</summary>
internal sealed class SqliteRegistryBulkWriter(AnSinhDbContext db) : IRegistryBulkWriter
{
    public async Task WriteAsync(IReadOnlyList<Household> households, IReadOnlyList<Person> persons, DateOnly date, HouseholdEventKind kind, string recordedBy, CancellationToken ct)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(ct);
        }
        var tx = (SqliteTransaction?)db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk writes need an open transaction.");
        var now = db.Now();
        var dateText = D(date);

        using var h = Command(connection, tx, "households",
            ["Id", "Code", "CommuneUnitId", "CommuneCode", "ProvinceCode", "VillageId", "VillageName", "Address", "AddressSearch", "IsUrban", "HeadPersonId", "HeadName", "HeadSearch", "Status", "RegisteredOn", "Version", "CreatedAt"]);
        foreach (var x in households)
        {
            Set(h, G(x.Id), x.Code, x.CommuneUnitId, x.CommuneCode, x.ProvinceCode, x.VillageId, x.VillageName, x.Address, x.AddressSearch, x.IsUrban ? 1 : 0,
                x.HeadPersonId is { } hp ? G(hp) : null, x.HeadName, x.HeadSearch, (int)x.Status, D(x.RegisteredOn), x.Version, T(x.CreatedAt));
            await h.ExecuteNonQueryAsync(ct);
        }
        var minority = HeadMinority(households, persons);
        using var loc = Command(connection, tx, "household_locations", ["HouseholdId", "CommuneUnitId", "CommuneCode", "VillageName", "IsUrban", "EthnicMinority", "From", "To"]);
        using var ev = Command(connection, tx, "household_events", ["Id", "HouseholdId", "PersonId", "Kind", "Date", "Reason", "OtherCommuneCode", "OtherHouseholdId", "Details", "RecordedAt", "RecordedBy"]);
        var reason = PersonRules.Vietnamese(kind);
        foreach (var x in households)
        {
            Set(loc, G(x.Id), x.CommuneUnitId, x.CommuneCode, x.VillageName, x.IsUrban ? 1 : 0, minority.Contains(x.Id) ? 1 : 0, D(x.RegisteredOn), null);
            await loc.ExecuteNonQueryAsync(ct);
            Set(ev, G(Guid.CreateVersion7()), G(x.Id), null, (int)kind, dateText, reason, null, null, null, T(now), recordedBy);
            await ev.ExecuteNonQueryAsync(ct);
        }
        using var p = Command(connection, tx, "persons",
            ["Id", "HouseholdId", "CommuneUnitId", "CommuneCode", "ProvinceCode", "FullName", "SearchName", "GivenSearch", "SortKey", "Sex", "BirthYear", "BirthMonth", "BirthDay", "NationalId", "EthnicityCode", "Relationship", "Occupation", "Schooling", "Disability", "Status", "DeathDate", "LeftOn", "MovedToCommuneCode", "Version"]);
        using var m = Command(connection, tx, "memberships", ["PersonId", "HouseholdId", "Relationship", "From", "To"]);
        var registered = households.ToDictionary(x => x.Id, x => x.RegisteredOn);
        foreach (var x in persons)
        {
            Set(p, G(x.Id), G(x.HouseholdId), x.CommuneUnitId, x.CommuneCode, x.ProvinceCode, x.FullName, x.SearchName, x.GivenSearch, x.SortKey, (int)x.Sex,
                x.BirthYear, x.BirthMonth, x.BirthDay, x.NationalId, x.EthnicityCode, (int)x.Relationship, x.Occupation, x.Schooling, (int)x.Disability,
                (int)x.Status, x.DeathDate is { } dd ? D(dd) : null, x.LeftOn is { } lo ? D(lo) : null, x.MovedToCommuneCode, x.Version);
            await p.ExecuteNonQueryAsync(ct);
            var from = registered.TryGetValue(x.HouseholdId, out var r) ? r : date;
            Set(m, G(x.Id), G(x.HouseholdId), (int)x.Relationship, D(from), null);
            await m.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>The households whose head belongs to an ethnic minority.</summary>
    internal static HashSet<Guid> HeadMinority(IReadOnlyList<Household> households, IReadOnlyList<Person> persons)
    {
        var heads = households.Where(h => h.HeadPersonId is not null).Select(h => h.HeadPersonId!.Value).ToHashSet();
        return persons.Where(p => heads.Contains(p.Id) && Ethnicities.IsMinority(p.EthnicityCode)).Select(p => p.HouseholdId).ToHashSet();
    }

    // EF Core's SQLite mappings: Guid as upper-case TEXT, DateOnly as yyyy-MM-dd, DateTime as yyyy-MM-dd HH:mm:ss.FFFFFFF.
    private static string G(Guid g) => g.ToString().ToUpperInvariant();

    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string T(DateTime t) => t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    private static SqliteCommand Command(SqliteConnection c, SqliteTransaction tx, string table, string[] columns)
    {
        var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(x => $"\"{x}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
        for (var i = 0; i < columns.Length; i++)
        {
            cmd.Parameters.Add(new SqliteParameter($"$p{i}", null));
        }
        cmd.Prepare();
        return cmd;
    }

    private static void Set(DbCommand cmd, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            cmd.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }
}

/// <summary>PostgreSQL: binary COPY of each table, in the caller's transaction.</summary>
internal sealed class PostgresRegistryBulkWriter(AnSinhDbContext db) : IRegistryBulkWriter
{
    public async Task WriteAsync(IReadOnlyList<Household> households, IReadOnlyList<Person> persons, DateOnly date, HouseholdEventKind kind, string recordedBy, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Bulk writes need an open transaction.");
        }
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var now = db.Now();
        await using (var w = await connection.BeginBinaryImportAsync(
            "COPY households (\"Id\", \"Code\", \"CommuneUnitId\", \"CommuneCode\", \"ProvinceCode\", \"VillageId\", \"VillageName\", \"Address\", \"AddressSearch\", \"IsUrban\", \"HeadPersonId\", \"HeadName\", \"HeadSearch\", \"Status\", \"RegisteredOn\", \"Version\", \"CreatedAt\") FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var x in households)
            {
                await w.StartRowAsync(ct);
                await w.WriteAsync(x.Id, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(x.Code, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(x.CommuneUnitId, NpgsqlDbType.Integer, ct);
                await w.WriteAsync(x.CommuneCode, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(x.ProvinceCode, NpgsqlDbType.Varchar, ct);
                await WriteNullable(w, x.VillageId, NpgsqlDbType.Integer, ct);
                await WriteNullable(w, x.VillageName, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(x.Address, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(x.AddressSearch, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(x.IsUrban, NpgsqlDbType.Boolean, ct);
                await WriteNullable(w, x.HeadPersonId, NpgsqlDbType.Uuid, ct);
                await WriteNullable(w, x.HeadName, NpgsqlDbType.Varchar, ct);
                await WriteNullable(w, x.HeadSearch, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync((int)x.Status, NpgsqlDbType.Integer, ct);
                await w.WriteAsync(x.RegisteredOn, NpgsqlDbType.Date, ct);
                await w.WriteAsync(x.Version, NpgsqlDbType.Integer, ct);
                await w.WriteAsync(x.CreatedAt, NpgsqlDbType.TimestampTz, ct);
            }
            await w.CompleteAsync(ct);
        }
        var reason = PersonRules.Vietnamese(kind);
        await using (var w = await connection.BeginBinaryImportAsync(
            "COPY household_locations (\"HouseholdId\", \"CommuneUnitId\", \"CommuneCode\", \"VillageName\", \"IsUrban\", \"EthnicMinority\", \"From\") FROM STDIN (FORMAT BINARY)", ct))
        {
            var minority = SqliteRegistryBulkWriter.HeadMinority(households, persons);
            foreach (var x in households)
            {
                await w.StartRowAsync(ct);
                await w.WriteAsync(x.Id, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(x.CommuneUnitId, NpgsqlDbType.Integer, ct);
                await w.WriteAsync(x.CommuneCode, NpgsqlDbType.Varchar, ct);
                await WriteNullable(w, x.VillageName, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(x.IsUrban, NpgsqlDbType.Boolean, ct);
                await w.WriteAsync(minority.Contains(x.Id), NpgsqlDbType.Boolean, ct);
                await w.WriteAsync(x.RegisteredOn, NpgsqlDbType.Date, ct);
            }
            await w.CompleteAsync(ct);
        }
        await using (var w = await connection.BeginBinaryImportAsync(
            "COPY household_events (\"Id\", \"HouseholdId\", \"Kind\", \"Date\", \"Reason\", \"RecordedAt\", \"RecordedBy\") FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var x in households)
            {
                await w.StartRowAsync(ct);
                await w.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(x.Id, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync((int)kind, NpgsqlDbType.Integer, ct);
                await w.WriteAsync(date, NpgsqlDbType.Date, ct);
                await w.WriteAsync(reason, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
                await w.WriteAsync(recordedBy, NpgsqlDbType.Varchar, ct);
            }
            await w.CompleteAsync(ct);
        }
        await using (var w = await connection.BeginBinaryImportAsync(
            "COPY persons (\"Id\", \"HouseholdId\", \"CommuneUnitId\", \"CommuneCode\", \"ProvinceCode\", \"FullName\", \"SearchName\", \"GivenSearch\", \"SortKey\", \"Sex\", \"BirthYear\", \"BirthMonth\", \"BirthDay\", \"NationalId\", \"EthnicityCode\", \"Relationship\", \"Occupation\", \"Schooling\", \"Disability\", \"Status\", \"Version\") FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var x in persons)
            {
                await w.StartRowAsync(ct);
                await w.WriteAsync(x.Id, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(x.HouseholdId, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(x.CommuneUnitId, NpgsqlDbType.Integer, ct);
                await w.WriteAsync(x.CommuneCode, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(x.ProvinceCode, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(x.FullName, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(x.SearchName, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(x.GivenSearch, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(x.SortKey, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync((int)x.Sex, NpgsqlDbType.Integer, ct);
                await w.WriteAsync(x.BirthYear, NpgsqlDbType.Integer, ct);
                await WriteNullable(w, x.BirthMonth, NpgsqlDbType.Integer, ct);
                await WriteNullable(w, x.BirthDay, NpgsqlDbType.Integer, ct);
                await WriteNullable(w, x.NationalId, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(x.EthnicityCode, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync((int)x.Relationship, NpgsqlDbType.Integer, ct);
                await WriteNullable(w, x.Occupation, NpgsqlDbType.Varchar, ct);
                await WriteNullable(w, x.Schooling, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync((int)x.Disability, NpgsqlDbType.Integer, ct);
                await w.WriteAsync((int)x.Status, NpgsqlDbType.Integer, ct);
                await w.WriteAsync(x.Version, NpgsqlDbType.Integer, ct);
            }
            await w.CompleteAsync(ct);
        }
        var registered = households.ToDictionary(x => x.Id, x => x.RegisteredOn);
        await using (var w = await connection.BeginBinaryImportAsync(
            "COPY memberships (\"PersonId\", \"HouseholdId\", \"Relationship\", \"From\") FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var x in persons)
            {
                await w.StartRowAsync(ct);
                await w.WriteAsync(x.Id, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(x.HouseholdId, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync((int)x.Relationship, NpgsqlDbType.Integer, ct);
                await w.WriteAsync(registered.TryGetValue(x.HouseholdId, out var r) ? r : date, NpgsqlDbType.Date, ct);
            }
            await w.CompleteAsync(ct);
        }
    }

    private static async Task WriteNullable<T>(NpgsqlBinaryImporter w, T? value, NpgsqlDbType type, CancellationToken ct)
        where T : struct
    {
        if (value is { } v)
        {
            await w.WriteAsync(v, type, ct);
        }
        else
        {
            await w.WriteNullAsync(ct);
        }
    }

    private static async Task WriteNullable(NpgsqlBinaryImporter w, string? value, NpgsqlDbType type, CancellationToken ct)
    {
        if (value is null)
        {
            await w.WriteNullAsync(ct);
        }
        else
        {
            await w.WriteAsync(value, type, ct);
        }
    }
}
