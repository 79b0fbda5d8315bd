using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AnSinh.Data;

/// <summary>
/// Runs on every SQLite connection EF Core opens: a page cache sized for a province's tables
/// (SQLite's default is 2 MB, so index pages of a million-row table are read again and again) and
/// temporary tables in memory, and <c>synchronous = NORMAL</c>: in WAL mode a commit then waits for
/// no disk flush (the WAL is flushed at checkpoints); the database cannot be corrupted by a crash,
/// though a power cut may lose the last commits (SQLite's documented trade-off, ADR 0009).
/// <c>Database:SqliteCacheMb</c> sets the cache (default 128 MB, a
/// ceiling per connection; pages are taken only as they are read).
/// </summary>
internal sealed class SqliteConnectionSetup(int cacheMb) : DbConnectionInterceptor
{
    private string Pragmas => string.Create(CultureInfo.InvariantCulture, $"PRAGMA cache_size = -{cacheMb * 1024}; PRAGMA temp_store = MEMORY; PRAGMA synchronous = NORMAL;");

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = Pragmas;
        cmd.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = Pragmas;
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }
}
