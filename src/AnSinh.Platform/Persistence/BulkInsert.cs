using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace AnSinh.Platform.Persistence;

/// <summary>
/// Set-based inserts of many rows of a mapped entity, without change tracking, in the current
/// transaction: multi-row <c>INSERT … VALUES (…), (…)</c> commands on PostgreSQL, one prepared
/// single-row insert run per row on SQLite. Parameters are made by EF Core's own type mappings,
/// so enums, dates and GUIDs are stored exactly as EF stores them.
/// </summary>
public static class BulkInsert
{
    /// <summary>Inserts the rows; store-generated keys are left to the database unless <paramref name="withKeys"/>.</summary>
    public static async Task InsertAsync<T>(AnSinhDbContext db, IReadOnlyList<T> rows, bool withKeys, CancellationToken ct)
        where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = entityType.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, entityType.GetSchema());
        var properties = entityType.GetProperties()
            .Where(p => withKeys || !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd))
            .ToList();
        if (properties.Any(p => p.IsShadowProperty()))
        {
            throw new InvalidOperationException($"{typeof(T).Name} has shadow properties; the bulk insert cannot fill them.");
        }
        var columns = string.Join(", ", properties.Select(p => Quote(p.GetColumnName(store)!)));
        var mappings = properties.Select(p => (Mapping: p.GetRelationalTypeMapping(), Getter: p.GetGetter(), p.IsNullable)).ToArray();
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        if (db.Engine == DatabaseEngine.Sqlite)
        {
            // SQLite looks a parameter up by name in a list, so one prepared single-row statement run
            // per row is fastest. Its parameters are made once by EF Core's type mappings (which set
            // how a value is stored: a GUID as upper-case text, an enum as its number) from the first
            // row; each further row only converts and sets the values.
            using var single = connection.CreateCommand();
            single.Transaction = transaction;
            single.CommandText = $"INSERT INTO {Quote(table)} ({columns}) VALUES ({string.Join(", ", mappings.Select((_, i) => "@p" + i))})";
            var parameters = new DbParameter[mappings.Length];
            for (var c = 0; c < mappings.Length; c++)
            {
                var (mapping, getter, nullable) = mappings[c];
                parameters[c] = mapping.CreateParameter(single, "@p" + c, getter.GetClrValue(rows[0]), nullable);
                single.Parameters.Add(parameters[c]);
            }
            single.Prepare();
            for (var r = 0; r < rows.Count; r++)
            {
                ct.ThrowIfCancellationRequested();
                if (r > 0)
                {
                    for (var c = 0; c < mappings.Length; c++)
                    {
                        var (mapping, getter, _) = mappings[c];
                        parameters[c].Value = ProviderValue(mapping, getter.GetClrValue(rows[r]));
                    }
                }
                single.ExecuteNonQuery();
            }
            return;
        }
        // Under PostgreSQL's 65,535 parameters per command.
        var rowsPerCommand = Math.Clamp(30_000 / properties.Count, 1, 1_000);
        var sql = new StringBuilder();
        foreach (var chunk in rows.Chunk(rowsPerCommand))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            sql.Clear().Append("INSERT INTO ").Append(Quote(table)).Append(" (").Append(columns).Append(") VALUES ");
            var n = 0;
            for (var r = 0; r < chunk.Length; r++)
            {
                sql.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < mappings.Length; c++)
                {
                    var name = "@p" + n++;
                    sql.Append(c == 0 ? "" : ", ").Append(name);
                    var (mapping, getter, nullable) = mappings[c];
                    command.Parameters.Add(mapping.CreateParameter(command, name, getter.GetClrValue(chunk[r]), nullable));
                }
                sql.Append(')');
            }
            command.CommandText = sql.ToString();
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>
    /// Reserves <paramref name="count"/> values of an entity's store-generated <c>long</c> key, so
    /// rows that refer to each other can be written in bulk. The caller must hold the table's write
    /// lock on SQLite (a transaction, which Microsoft.Data.Sqlite begins IMMEDIATE); on PostgreSQL
    /// the values come from the identity sequence.
    /// </summary>
    public static async Task<long[]> ReserveKeysAsync<T>(AnSinhDbContext db, int count, CancellationToken ct)
        where T : class
    {
        if (count == 0)
        {
            return [];
        }
        var entityType = db.Model.FindEntityType(typeof(T))!;
        var table = entityType.GetTableName()!;
        var key = entityType.FindPrimaryKey()!.Properties.Single().GetColumnName(StoreObjectIdentifier.Table(table, entityType.GetSchema()))!;
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction() ?? throw new InvalidOperationException("Keys are reserved inside a transaction.");
        if (db.Engine == DatabaseEngine.Postgres)
        {
            command.CommandText = $"SELECT nextval(pg_get_serial_sequence('{Quote(table)}', '{key}')) FROM generate_series(1, {count})";
            var keys = new long[count];
            await using var reader = await command.ExecuteReaderAsync(ct);
            for (var i = 0; await reader.ReadAsync(ct); i++)
            {
                keys[i] = reader.GetInt64(0);
            }
            return keys;
        }
        command.CommandText = $"SELECT COALESCE(MAX({Quote(key)}), 0) FROM {Quote(table)}";
        var last = Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        return Enumerable.Range(1, count).Select(i => last + i).ToArray();
    }

    /// <summary>The value as <see cref="RelationalTypeMapping.CreateParameter"/> stores it: through the mapping's converter, an enum as its number, null as DBNull.</summary>
    private static object ProviderValue(RelationalTypeMapping mapping, object? value)
    {
        if (value is null)
        {
            return DBNull.Value;
        }
        if (mapping.Converter is { } converter)
        {
            value = converter.ConvertToProvider(value);
        }
        else if (value.GetType().IsEnum)
        {
            value = Convert.ChangeType(value, Enum.GetUnderlyingType(value.GetType()), System.Globalization.CultureInfo.InvariantCulture);
        }
        return value ?? DBNull.Value;
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
