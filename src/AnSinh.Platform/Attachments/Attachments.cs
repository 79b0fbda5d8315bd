using System.Security.Cryptography;
using AnSinh.Platform.Audit;
using AnSinh.Platform.Errors;
using AnSinh.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnSinh.Platform.Attachments;

/// <summary>
/// A file kept as evidence of a step (meeting minutes, handover minutes, photos): its owner, what
/// it is, its checksum and its bytes. Audited without its content.
/// </summary>
public sealed class Attachment : IAudited
{
    public Guid Id { get; set; }
    public required string OwnerType { get; set; }
    public required string OwnerId { get; set; }
    public required string Kind { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }

    [NotAuditedValue]
    public required byte[] Content { get; set; }
    public string? UnitCode { get; set; }
    public required string UploadedBy { get; set; }
    public DateTime UploadedAt { get; set; }

    string IAudited.AuditEntityType => "attachment";
    string IAudited.AuditEntityId => Id.ToString();
    string? IAudited.AuditUnitCode => UnitCode;
}

internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> b)
    {
        b.ToTable("attachments");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.OwnerType).HasMaxLength(50);
        b.Property(x => x.OwnerId).HasMaxLength(100);
        b.Property(x => x.Kind).HasMaxLength(50);
        b.Property(x => x.FileName).HasMaxLength(200);
        b.Property(x => x.ContentType).HasMaxLength(100);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.Property(x => x.UnitCode).HasMaxLength(10);
        b.Property(x => x.UploadedBy).HasMaxLength(256);
        b.HasIndex(x => new { x.OwnerType, x.OwnerId });
    }
}

public sealed record AttachmentInfo(Guid Id, string OwnerId, string Kind, string FileName, string ContentType, long Size, string Sha256, string UploadedBy, DateTime UploadedAt);

/// <summary>
/// Stores and serves attachments. Only PDF, JPEG and PNG are taken, recognised by their first
/// bytes (not by the name a browser sends), up to <c>Attachments:MaxMb</c> (default 10 MB).
/// Callers check the owner's scope and state before calling.
/// </summary>
public sealed class AttachmentStore(AnSinhDbContext db, int maxMb = 10)
{
    public long MaxBytes => maxMb * 1024L * 1024L;

    public async Task<AttachmentInfo> AddAsync(string ownerType, string ownerId, string kind, string? unitCode, string? fileName, Stream content, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                throw new InputValidationException("file", $"Tệp lớn hơn giới hạn {maxMb} MB.");
            }
            buffer.Write(chunk, 0, read);
        }
        var bytes = buffer.ToArray();
        var type = Sniff(bytes) ?? throw new InputValidationException("file", "Chỉ nhận tệp PDF, JPEG hoặc PNG (kiểm tra theo nội dung tệp).");
        var name = Path.GetFileName(string.IsNullOrWhiteSpace(fileName) ? "tep" : fileName.Trim());
        if (name.Length > 200)
        {
            name = name[^200..];
        }
        var a = new Attachment
        {
            Id = Guid.CreateVersion7(),
            OwnerType = ownerType,
            OwnerId = ownerId,
            Kind = kind,
            FileName = name,
            ContentType = type,
            Size = bytes.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            Content = bytes,
            UnitCode = unitCode,
            UploadedBy = db.Actor.UserName,
            UploadedAt = db.Now(),
        };
        db.Add(a);
        await db.SaveChangesAsync(ct);
        return Info(a);
    }

    public async Task<List<AttachmentInfo>> ListAsync(string ownerType, IReadOnlyCollection<string> ownerIds, CancellationToken ct) =>
        (await db.Set<Attachment>().AsNoTracking().Where(a => a.OwnerType == ownerType && ownerIds.Contains(a.OwnerId)).OrderBy(a => a.UploadedAt)
            .Select(a => new { a.Id, a.Kind, a.FileName, a.ContentType, a.Size, a.Sha256, a.UploadedBy, a.UploadedAt, a.OwnerId }).ToListAsync(ct))
        .Select(a => new AttachmentInfo(a.Id, a.OwnerId, a.Kind, a.FileName, a.ContentType, a.Size, a.Sha256, a.UploadedBy, a.UploadedAt)).ToList();

    public async Task<Attachment> GetAsync(string ownerType, string ownerId, Guid id, CancellationToken ct) =>
        await db.Set<Attachment>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id && a.OwnerType == ownerType && a.OwnerId == ownerId, ct)
        ?? throw new NotFoundException("Không tìm thấy tệp đính kèm.");

    /// <summary>The content type from the file's first bytes, or null when it is none of PDF, JPEG, PNG.</summary>
    public static string? Sniff(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith("%PDF-"u8) ? "application/pdf"
        : bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF ? "image/jpeg"
        : bytes.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }) ? "image/png"
        : null;

    private static AttachmentInfo Info(Attachment a) => new(a.Id, a.OwnerId, a.Kind, a.FileName, a.ContentType, a.Size, a.Sha256, a.UploadedBy, a.UploadedAt);
}
