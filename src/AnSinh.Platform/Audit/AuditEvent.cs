using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnSinh.Platform.Audit;

/// <summary>
/// One appended audit event. Its hash covers its content and the previous event's hash,
/// so an edited or removed event breaks the chain (see AuditChain.Verify).
/// </summary>
public sealed class AuditEvent
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public Guid? UserId { get; set; }
    public required string UserName { get; set; }
    public required string Action { get; set; }
    public required string EntityType { get; set; }
    public string? EntityId { get; set; }
    public string? UnitCode { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
    public string PreviousHash { get; set; } = "";
    public string Hash { get; set; } = "";

    public static string ComputeHash(AuditEvent e)
    {
        var content = string.Join('\u001f',
            e.PreviousHash,
            e.At.ToString("yyyy-MM-ddTHH:mm:ss.fff", CultureInfo.InvariantCulture),
            e.UserId?.ToString() ?? "",
            e.UserName,
            e.Action,
            e.EntityType,
            e.EntityId ?? "",
            e.UnitCode ?? "",
            e.Before ?? "",
            e.After ?? "");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
    }
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> b)
    {
        b.ToTable("audit_events");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.UserName).HasMaxLength(256);
        b.Property(x => x.Action).HasMaxLength(100);
        b.Property(x => x.EntityType).HasMaxLength(100);
        b.Property(x => x.EntityId).HasMaxLength(100);
        b.Property(x => x.UnitCode).HasMaxLength(10);
        b.Property(x => x.PreviousHash).HasMaxLength(64);
        b.Property(x => x.Hash).HasMaxLength(64);
        b.HasIndex(x => new { x.EntityType, x.EntityId });
        b.HasIndex(x => x.UserName);
        b.HasIndex(x => x.At);
    }
}

/// <summary>Marks an entity whose every change is audited automatically.</summary>
public interface IAudited
{
    string AuditEntityType { get; }
    string AuditEntityId { get; }
    string? AuditUnitCode { get; }
}

/// <summary>Marks a property whose value is never copied into the audit log in clear.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NotAuditedValueAttribute : Attribute;

public sealed record AuditVerification(bool Intact, long Checked, long? FirstBrokenId, string Message);

public static class AuditChain
{
    public static async Task<AuditVerification> VerifyAsync(IQueryable<AuditEvent> events, CancellationToken ct = default)
    {
        var previous = "";
        long count = 0;
        long lastId = 0;
        await foreach (var e in events.AsNoTracking().OrderBy(x => x.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            count++;
            if (!string.Equals(e.PreviousHash, previous, StringComparison.Ordinal))
            {
                return new(false, count, e.Id, $"Sự kiện {e.Id}: không nối với sự kiện trước (sự kiện trước {lastId} đã bị xoá hoặc sửa).");
            }
            if (!string.Equals(AuditEvent.ComputeHash(e), e.Hash, StringComparison.Ordinal))
            {
                return new(false, count, e.Id, $"Sự kiện {e.Id}: nội dung đã bị sửa (mã băm không khớp).");
            }
            previous = e.Hash;
            lastId = e.Id;
        }
        return new(true, count, null, $"Chuỗi nhật ký nguyên vẹn: {count} sự kiện.");
    }
}
