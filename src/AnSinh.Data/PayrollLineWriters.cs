using AnSinh.Benefits.Payroll;
using AnSinh.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace AnSinh.Data;

/// <summary>SQLite: the generic prepared single-row insert.</summary>
internal sealed class SqlitePayrollLineWriter(AnSinhDbContext db) : IPayrollLineWriter
{
    public Task WriteAsync(IReadOnlyList<PayrollLine> lines, CancellationToken ct) => BulkInsert.InsertAsync(db, lines, withKeys: false, ct);
}

/// <summary>PostgreSQL: binary COPY of the new lines (payment columns are empty until the payment is recorded).</summary>
internal sealed class PostgresPayrollLineWriter(AnSinhDbContext db) : IPayrollLineWriter
{
    public async Task WriteAsync(IReadOnlyList<PayrollLine> lines, CancellationToken ct)
    {
        if (lines.Count == 0)
        {
            return;
        }
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Bulk writes need an open transaction.");
        }
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var w = await connection.BeginBinaryImportAsync(
            """COPY benefit_payroll_lines ("RunId", "BeneficiaryId", "ProvinceCode", "PayKey", "Scheme", "Kind", "ForMonth", "Amount", "Basis") FROM STDIN (FORMAT BINARY)""", ct);
        foreach (var l in lines)
        {
            await w.StartRowAsync(ct);
            await w.WriteAsync(l.RunId, NpgsqlDbType.Uuid, ct);
            await w.WriteAsync(l.BeneficiaryId, NpgsqlDbType.Uuid, ct);
            await w.WriteAsync(l.ProvinceCode, NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(l.PayKey, NpgsqlDbType.Varchar, ct);
            await w.WriteAsync((int)l.Scheme, NpgsqlDbType.Integer, ct);
            await w.WriteAsync((int)l.Kind, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(l.ForMonth, NpgsqlDbType.Date, ct);
            await w.WriteAsync(l.Amount, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(l.Basis, NpgsqlDbType.Varchar, ct);
        }
        await w.CompleteAsync(ct);
    }
}
