using AnSinh.Platform.Persistence;
using AnSinh.Poverty.Rounds;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace AnSinh.Data;

/// <summary>SQLite: a temporary staging table filled with one prepared INSERT, then one UPDATE of the staged ids.</summary>
internal sealed class SqliteReviewResultWriter(AnSinhDbContext db) : IReviewResultWriter
{
    public async Task WriteAsync(IReadOnlyList<ReviewResult> results, CancellationToken ct)
    {
        if (results.Count == 0)
        {
            return;
        }
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var tx = (SqliteTransaction?)db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk writes need an open transaction.");
        await ExecuteAsync(connection, tx, """CREATE TEMP TABLE IF NOT EXISTS review_results_stage ("Id" INTEGER PRIMARY KEY, "Result" INTEGER NOT NULL, "Movement" INTEGER NOT NULL)""", ct);
        await ExecuteAsync(connection, tx, "DELETE FROM review_results_stage", ct);
        using (var insert = connection.CreateCommand())
        {
            insert.Transaction = tx;
            insert.CommandText = """INSERT INTO review_results_stage ("Id", "Result", "Movement") VALUES ($id, $result, $movement)""";
            var id = insert.Parameters.Add(new SqliteParameter("$id", SqliteType.Integer));
            var result = insert.Parameters.Add(new SqliteParameter("$result", SqliteType.Integer));
            var movement = insert.Parameters.Add(new SqliteParameter("$movement", SqliteType.Integer));
            insert.Prepare();
            foreach (var r in results)
            {
                id.Value = r.Id;
                result.Value = (int)r.Result;
                movement.Value = (int)r.Movement;
                await insert.ExecuteNonQueryAsync(ct);
            }
        }
        // Driven from the staging rows (rowid lookups), never a scan of the whole table.
        await ExecuteAsync(connection, tx, """
            UPDATE review_households
            SET "Result" = (SELECT s."Result" FROM review_results_stage s WHERE s."Id" = review_households."Id"),
                "Movement" = (SELECT s."Movement" FROM review_results_stage s WHERE s."Id" = review_households."Id")
            WHERE "Id" IN (SELECT "Id" FROM review_results_stage)
            """, ct);
        await ExecuteAsync(connection, tx, "DELETE FROM review_results_stage", ct);
    }

    private static async Task ExecuteAsync(SqliteConnection c, SqliteTransaction tx, string sql, CancellationToken ct)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(ct);
    }
}

/// <summary>PostgreSQL: a temporary staging table (dropped at commit) filled by binary COPY, then UPDATE … FROM.</summary>
internal sealed class PostgresReviewResultWriter(AnSinhDbContext db) : IReviewResultWriter
{
    public async Task WriteAsync(IReadOnlyList<ReviewResult> results, CancellationToken ct)
    {
        if (results.Count == 0)
        {
            return;
        }
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Bulk writes need an open transaction.");
        }
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await ExecuteAsync(connection, """CREATE TEMP TABLE IF NOT EXISTS review_results_stage ("Id" bigint PRIMARY KEY, "Result" integer NOT NULL, "Movement" integer NOT NULL) ON COMMIT DELETE ROWS""", ct);
        await ExecuteAsync(connection, "TRUNCATE review_results_stage", ct);
        await using (var w = await connection.BeginBinaryImportAsync("""COPY review_results_stage ("Id", "Result", "Movement") FROM STDIN (FORMAT BINARY)""", ct))
        {
            foreach (var r in results)
            {
                await w.StartRowAsync(ct);
                await w.WriteAsync(r.Id, NpgsqlDbType.Bigint, ct);
                await w.WriteAsync((int)r.Result, NpgsqlDbType.Integer, ct);
                await w.WriteAsync((int)r.Movement, NpgsqlDbType.Integer, ct);
            }
            await w.CompleteAsync(ct);
        }
        await ExecuteAsync(connection, "ANALYZE review_results_stage", ct);
        // The page's ids are one key range: bounding the target by it lets the planner read that
        // range of the primary key instead of scanning every round's rows for a hash join.
        var min = results.Min(r => r.Id);
        var max = results.Max(r => r.Id);
        await using var update = new NpgsqlCommand("""
            UPDATE review_households h SET "Result" = s."Result", "Movement" = s."Movement"
            FROM review_results_stage s WHERE h."Id" = s."Id" AND h."Id" BETWEEN @min AND @max
            """, connection);
        update.Parameters.AddWithValue("min", min);
        update.Parameters.AddWithValue("max", max);
        await update.ExecuteNonQueryAsync(ct);
    }

    private static async Task ExecuteAsync(NpgsqlConnection c, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
