using AnSinh.Platform.AdminUnits;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnSinh.Funds.Ledger;

/// <summary>The kinds of fund a unit keeps (Decision 1198/QĐ-MTTW-ĐCT: the For-the-Poor fund; relief funds; named special funds).</summary>
public enum FundKind
{
    ForThePoor = 1,
    Relief = 2,
    Special = 3,
}

/// <summary>What an entry records. The kind decides which accounts its lines touch (see <see cref="LedgerRules"/>).</summary>
public enum EntryKind
{
    Opening = 1,
    Receipt = 2,
    AllocationOut = 3,
    AllocationIn = 4,
    Spending = 5,
    Reversal = 6,
    YearClose = 7,
}

/// <summary>Spending categories of the fund regulation (RULES.md §5).</summary>
public enum SpendingCategory
{
    NewHouse = 1,
    HouseRepair = 2,
    Production = 3,
    Study = 4,
    Medical = 5,
    HardshipGift = 6,
    Relief = 7,
    EntrustedLoan = 8,
    Other = 9,
}

/// <summary>Where money or goods sit: the cash box, the bank account, the store of goods received in kind.</summary>
public enum Channel
{
    Cash = 1,
    Bank = 2,
    Goods = 3,
}

/// <summary>
/// A fund of one unit. The running balances and the head of the entry chain live on this row and
/// change only together with a new entry, inside the transaction that holds this row's lock, so
/// reading a balance never sums the history.
/// </summary>
public sealed class Fund
{
    public Guid Id { get; set; }
    public int UnitId { get; set; }
    public required string UnitCode { get; set; }
    public required string UnitName { get; set; }
    public AdminLevel UnitLevel { get; set; }

    /// <summary>The province of today's map holding the unit (place scope).</summary>
    public required string CurrentProvinceCode { get; set; }
    public FundKind Kind { get; set; }
    public required string Name { get; set; }
    public long CashBalance { get; set; }
    public long BankBalance { get; set; }
    public long GoodsBalance { get; set; }
    public long EntryCount { get; set; }
    public string HeadHash { get; set; } = "";

    /// <summary>Nothing may be posted on or before this date (a closed month or year).</summary>
    public DateOnly? ClosedThrough { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }

    public long Balance => CashBalance + BankBalance + GoodsBalance;

    public long BalanceOf(Channel c) => c switch
    {
        Channel.Cash => CashBalance,
        Channel.Bank => BankBalance,
        _ => GoodsBalance,
    };
}

/// <summary>An immutable journal entry; its lines sum to zero. Corrections are new entries of kind <see cref="EntryKind.Reversal"/>.</summary>
public sealed class JournalEntry
{
    public long Id { get; set; }
    public Guid FundId { get; set; }
    public required string UnitCode { get; set; }

    /// <summary>1, 2, 3… within the fund: the order of the hash chain.</summary>
    public long Seq { get; set; }
    public DateOnly Date { get; set; }
    public EntryKind Kind { get; set; }

    /// <summary>The kind of the original entry for a reversal (so reports put the correction in the same line).</summary>
    public EntryKind? ReversedKind { get; set; }
    public string? VoucherNumber { get; set; }
    public required string Description { get; set; }

    /// <summary>The headline amount in đồng: positive, or negative for a reversal.</summary>
    public long Amount { get; set; }
    public Channel? Channel { get; set; }
    public Guid? DonorId { get; set; }
    public string? DonorName { get; set; }
    public DonorType? DonorType { get; set; }
    public Guid? CampaignId { get; set; }
    public SpendingCategory? Category { get; set; }
    public int Cases { get; set; }
    public string? GoodsName { get; set; }
    public string? GoodsUnit { get; set; }
    public decimal? Quantity { get; set; }
    public Guid? TransferId { get; set; }
    public Guid? CounterpartFundId { get; set; }
    public long? ReversesEntryId { get; set; }
    public string? ApprovedBy { get; set; }
    public string? IdempotencyKey { get; set; }
    public DateTime PostedAt { get; set; }
    public required string PostedBy { get; set; }
    public string PreviousHash { get; set; } = "";
    public string Hash { get; set; } = "";
    public List<JournalLine> Lines { get; set; } = [];
}

/// <summary>One side of an entry: debit positive, credit negative, in đồng.</summary>
public sealed class JournalLine
{
    public long Id { get; set; }
    public long EntryId { get; set; }
    public Guid FundId { get; set; }
    public required string Account { get; set; }
    public long Amount { get; set; }
}

/// <summary>A household or person a spending reached, kept with the name they had then.</summary>
public sealed class SpendingBeneficiary
{
    public long Id { get; set; }
    public long EntryId { get; set; }
    public Guid FundId { get; set; }
    public Guid? HouseholdId { get; set; }
    public Guid? PersonId { get; set; }
    public required string Name { get; set; }
    public string? VillageName { get; set; }
    public required string CommuneCode { get; set; }
    public JournalEntry? Entry { get; set; }
}

/// <summary>Sums of lines per fund, month and account, kept with each entry: reports read these, not the entries.</summary>
public sealed class FundMonthTotal
{
    public Guid FundId { get; set; }
    public int Year { get; set; }
    public int Month { get; set; }
    public required string Account { get; set; }
    public long Amount { get; set; }
    public long Cases { get; set; }
    public long Entries { get; set; }
}

/// <summary>The last voucher number issued per unit, year and series (PT receipts, PC payments, DC corrections).</summary>
public sealed class VoucherCounter
{
    public required string UnitCode { get; set; }
    public int Year { get; set; }
    public required string Series { get; set; }
    public long Last { get; set; }
}

/// <summary>Money moved from an upper-level fund to a lower-level one: one entry on each side.</summary>
public sealed class FundAllocation
{
    public Guid Id { get; set; }
    public Guid FromFundId { get; set; }
    public Guid ToFundId { get; set; }
    public DateOnly Date { get; set; }
    public long Amount { get; set; }
    public Guid? CampaignId { get; set; }
    public long OutEntryId { get; set; }
    public long InEntryId { get; set; }

    /// <summary>Set on the allocation that reverses another (its amount is then negative).</summary>
    public Guid? ReversesAllocationId { get; set; }
    public JournalEntry? OutEntry { get; set; }
    public JournalEntry? InEntry { get; set; }
}

/// <summary>Goods received in kind, in quantity and value, until handed out.</summary>
public sealed class StockMove
{
    public long Id { get; set; }
    public Guid FundId { get; set; }
    public long EntryId { get; set; }
    public required string Item { get; set; }
    public required string Unit { get; set; }
    public decimal Quantity { get; set; }
    public long Value { get; set; }
    public JournalEntry? Entry { get; set; }
}

/// <summary>A closed year of a fund: its opening and closing balance; the closing balance opens the next year.</summary>
public sealed class FundYear
{
    public Guid FundId { get; set; }
    public int Year { get; set; }
    public long OpeningBalance { get; set; }
    public long ClosingBalance { get; set; }
    public long ClosingEntryId { get; set; }
    public DateTime ClosedAt { get; set; }
    public required string ClosedBy { get; set; }
    public JournalEntry? ClosingEntry { get; set; }
}

/// <summary>A year's accounts or a campaign's accounts made public by the fund board.</summary>
public sealed class FundPublication
{
    public long Id { get; set; }
    public Guid FundId { get; set; }
    public int Year { get; set; }
    public Guid? CampaignId { get; set; }
    public DateTime PublishedAt { get; set; }
    public required string PublishedBy { get; set; }
}

public enum DonorType
{
    Organization = 1,
    Enterprise = 2,
    Individual = 3,
    Anonymous = 4,
}

/// <summary>Who gave: an organisation, an enterprise or a person; anonymous gifts keep no donor record.</summary>
public sealed class Donor
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public required string SearchName { get; set; }
    public DonorType Type { get; set; }
    public string? Address { get; set; }
    public DateTime CreatedAt { get; set; }
}

public enum CampaignKind
{
    Yearly = 1,
    MonthForThePoor = 2,
    Tet = 3,
    Disaster = 4,
    Other = 5,
}

/// <summary>A mobilisation for a fund: its period and target; receipts name it.</summary>
public sealed class Campaign
{
    public Guid Id { get; set; }
    public Guid FundId { get; set; }
    public CampaignKind Kind { get; set; }
    public required string Name { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }
    public long Target { get; set; }
    public DateTime CreatedAt { get; set; }
}

internal sealed class FundConfiguration : IEntityTypeConfiguration<Fund>
{
    public void Configure(EntityTypeBuilder<Fund> b)
    {
        b.ToTable("funds");
        b.Property(x => x.UnitCode).HasMaxLength(10);
        b.Property(x => x.UnitName).HasMaxLength(200);
        b.Property(x => x.CurrentProvinceCode).HasMaxLength(10);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.HeadHash).HasMaxLength(64);
        b.Property(x => x.CreatedBy).HasMaxLength(100);
        b.Ignore(x => x.Balance);
        b.HasIndex(x => new { x.UnitId, x.Kind, x.Name }).IsUnique();
        b.HasIndex(x => x.CurrentProvinceCode);
        b.HasOne<AdminUnit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class JournalEntryConfiguration : IEntityTypeConfiguration<JournalEntry>
{
    public void Configure(EntityTypeBuilder<JournalEntry> b)
    {
        b.ToTable("fund_entries");
        b.Property(x => x.UnitCode).HasMaxLength(10);
        b.Property(x => x.VoucherNumber).HasMaxLength(40);
        b.Property(x => x.Description).HasMaxLength(1000);
        b.Property(x => x.DonorName).HasMaxLength(300);
        b.Property(x => x.GoodsName).HasMaxLength(200);
        b.Property(x => x.GoodsUnit).HasMaxLength(50);
        b.Property(x => x.Quantity).HasPrecision(18, 3);
        b.Property(x => x.ApprovedBy).HasMaxLength(200);
        b.Property(x => x.IdempotencyKey).HasMaxLength(100);
        b.Property(x => x.PostedBy).HasMaxLength(100);
        b.Property(x => x.PreviousHash).HasMaxLength(64);
        b.Property(x => x.Hash).HasMaxLength(64);
        b.HasIndex(x => new { x.FundId, x.Seq }).IsUnique();
        b.HasIndex(x => new { x.FundId, x.Date });
        b.HasIndex(x => new { x.UnitCode, x.VoucherNumber }).IsUnique();
        b.HasIndex(x => x.VoucherNumber);
        b.HasIndex(x => new { x.FundId, x.IdempotencyKey }).IsUnique();
        b.HasIndex(x => x.ReversesEntryId).IsUnique();
        b.HasIndex(x => x.DonorId);
        b.HasIndex(x => x.CampaignId);
        b.HasMany(x => x.Lines).WithOne().HasForeignKey(l => l.EntryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Fund>().WithMany().HasForeignKey(x => x.FundId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class JournalLineConfiguration : IEntityTypeConfiguration<JournalLine>
{
    public void Configure(EntityTypeBuilder<JournalLine> b)
    {
        b.ToTable("fund_entry_lines");
        b.Property(x => x.Account).HasMaxLength(40);
        b.HasIndex(x => x.EntryId);
    }
}

internal sealed class SpendingBeneficiaryConfiguration : IEntityTypeConfiguration<SpendingBeneficiary>
{
    public void Configure(EntityTypeBuilder<SpendingBeneficiary> b)
    {
        b.ToTable("fund_beneficiaries");
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.VillageName).HasMaxLength(200);
        b.Property(x => x.CommuneCode).HasMaxLength(10);
        b.HasIndex(x => x.HouseholdId);
        b.HasOne(x => x.Entry).WithMany().HasForeignKey(x => x.EntryId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class FundMonthTotalConfiguration : IEntityTypeConfiguration<FundMonthTotal>
{
    public void Configure(EntityTypeBuilder<FundMonthTotal> b)
    {
        b.ToTable("fund_month_totals");
        b.HasKey(x => new { x.FundId, x.Year, x.Month, x.Account });
        b.Property(x => x.Account).HasMaxLength(40);
    }
}

internal sealed class VoucherCounterConfiguration : IEntityTypeConfiguration<VoucherCounter>
{
    public void Configure(EntityTypeBuilder<VoucherCounter> b)
    {
        b.ToTable("fund_voucher_counters");
        b.HasKey(x => new { x.UnitCode, x.Year, x.Series });
        b.Property(x => x.UnitCode).HasMaxLength(10);
        b.Property(x => x.Series).HasMaxLength(4);
    }
}

internal sealed class FundAllocationConfiguration : IEntityTypeConfiguration<FundAllocation>
{
    public void Configure(EntityTypeBuilder<FundAllocation> b)
    {
        b.ToTable("fund_allocations");
        b.HasIndex(x => x.FromFundId);
        b.HasIndex(x => x.ToFundId);
        b.HasIndex(x => x.ReversesAllocationId).IsUnique();
        b.HasOne(x => x.OutEntry).WithMany().HasForeignKey(x => x.OutEntryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.InEntry).WithMany().HasForeignKey(x => x.InEntryId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class StockMoveConfiguration : IEntityTypeConfiguration<StockMove>
{
    public void Configure(EntityTypeBuilder<StockMove> b)
    {
        b.ToTable("fund_stock_moves");
        b.Property(x => x.Item).HasMaxLength(200);
        b.Property(x => x.Unit).HasMaxLength(50);
        b.Property(x => x.Quantity).HasPrecision(18, 3);
        b.HasIndex(x => new { x.FundId, x.Item });
        b.HasOne(x => x.Entry).WithMany().HasForeignKey(x => x.EntryId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class FundYearConfiguration : IEntityTypeConfiguration<FundYear>
{
    public void Configure(EntityTypeBuilder<FundYear> b)
    {
        b.ToTable("fund_years");
        b.HasKey(x => new { x.FundId, x.Year });
        b.Property(x => x.ClosedBy).HasMaxLength(100);
        b.HasOne(x => x.ClosingEntry).WithMany().HasForeignKey(x => x.ClosingEntryId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class FundPublicationConfiguration : IEntityTypeConfiguration<FundPublication>
{
    public void Configure(EntityTypeBuilder<FundPublication> b)
    {
        b.ToTable("fund_publications");
        b.Property(x => x.PublishedBy).HasMaxLength(100);
        b.HasIndex(x => new { x.FundId, x.Year, x.CampaignId });
    }
}

internal sealed class DonorConfiguration : IEntityTypeConfiguration<Donor>
{
    public void Configure(EntityTypeBuilder<Donor> b)
    {
        b.ToTable("fund_donors");
        b.Property(x => x.Name).HasMaxLength(300);
        b.Property(x => x.SearchName).HasMaxLength(300);
        b.Property(x => x.Address).HasMaxLength(300);
        b.HasIndex(x => new { x.SearchName, x.Type }).IsUnique();
    }
}

internal sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> b)
    {
        b.ToTable("fund_campaigns");
        b.Property(x => x.Name).HasMaxLength(300);
        b.HasIndex(x => x.FundId);
        b.HasOne<Fund>().WithMany().HasForeignKey(x => x.FundId).OnDelete(DeleteBehavior.Restrict);
    }
}
