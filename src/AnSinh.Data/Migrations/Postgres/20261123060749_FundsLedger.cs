using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AnSinh.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FundsLedger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "fund_donors",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    SearchName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Type = table.Column<int>(type: "integer", nullable: false),
                    Address = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fund_donors", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "fund_month_totals",
                columns: table => new
                {
                    FundId = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Month = table.Column<int>(type: "integer", nullable: false),
                    Account = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Amount = table.Column<long>(type: "bigint", nullable: false),
                    Cases = table.Column<long>(type: "bigint", nullable: false),
                    Entries = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fund_month_totals", x => new { x.FundId, x.Year, x.Month, x.Account });
                });

            migrationBuilder.CreateTable(
                name: "fund_publications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FundId = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    CampaignId = table.Column<Guid>(type: "uuid", nullable: true),
                    PublishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PublishedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fund_publications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "fund_voucher_counters",
                columns: table => new
                {
                    UnitCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Series = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    Last = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fund_voucher_counters", x => new { x.UnitCode, x.Year, x.Series });
                });

            migrationBuilder.CreateTable(
                name: "funds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    UnitCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    UnitName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    UnitLevel = table.Column<int>(type: "integer", nullable: false),
                    CurrentProvinceCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CashBalance = table.Column<long>(type: "bigint", nullable: false),
                    BankBalance = table.Column<long>(type: "bigint", nullable: false),
                    GoodsBalance = table.Column<long>(type: "bigint", nullable: false),
                    EntryCount = table.Column<long>(type: "bigint", nullable: false),
                    HeadHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ClosedThrough = table.Column<DateOnly>(type: "date", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_funds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_funds_admin_units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "admin_units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "fund_campaigns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    FundId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Target = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fund_campaigns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_fund_campaigns_funds_FundId",
                        column: x => x.FundId,
                        principalTable: "funds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "fund_entries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FundId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Seq = table.Column<long>(type: "bigint", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    ReversedKind = table.Column<int>(type: "integer", nullable: true),
                    VoucherNumber = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Amount = table.Column<long>(type: "bigint", nullable: false),
                    Channel = table.Column<int>(type: "integer", nullable: true),
                    DonorId = table.Column<Guid>(type: "uuid", nullable: true),
                    DonorName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    DonorType = table.Column<int>(type: "integer", nullable: true),
                    CampaignId = table.Column<Guid>(type: "uuid", nullable: true),
                    Category = table.Column<int>(type: "integer", nullable: true),
                    Cases = table.Column<int>(type: "integer", nullable: false),
                    GoodsName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    GoodsUnit = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    Quantity = table.Column<decimal>(type: "numeric(18,3)", precision: 18, scale: 3, nullable: true),
                    TransferId = table.Column<Guid>(type: "uuid", nullable: true),
                    CounterpartFundId = table.Column<Guid>(type: "uuid", nullable: true),
                    ReversesEntryId = table.Column<long>(type: "bigint", nullable: true),
                    ApprovedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    IdempotencyKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    PostedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PostedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    PreviousHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fund_entries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_fund_entries_funds_FundId",
                        column: x => x.FundId,
                        principalTable: "funds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "fund_allocations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    FromFundId = table.Column<Guid>(type: "uuid", nullable: false),
                    ToFundId = table.Column<Guid>(type: "uuid", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Amount = table.Column<long>(type: "bigint", nullable: false),
                    CampaignId = table.Column<Guid>(type: "uuid", nullable: true),
                    OutEntryId = table.Column<long>(type: "bigint", nullable: false),
                    InEntryId = table.Column<long>(type: "bigint", nullable: false),
                    ReversesAllocationId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fund_allocations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_fund_allocations_fund_entries_InEntryId",
                        column: x => x.InEntryId,
                        principalTable: "fund_entries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_fund_allocations_fund_entries_OutEntryId",
                        column: x => x.OutEntryId,
                        principalTable: "fund_entries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "fund_beneficiaries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EntryId = table.Column<long>(type: "bigint", nullable: false),
                    FundId = table.Column<Guid>(type: "uuid", nullable: false),
                    HouseholdId = table.Column<Guid>(type: "uuid", nullable: true),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    VillageName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CommuneCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fund_beneficiaries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_fund_beneficiaries_fund_entries_EntryId",
                        column: x => x.EntryId,
                        principalTable: "fund_entries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "fund_entry_lines",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EntryId = table.Column<long>(type: "bigint", nullable: false),
                    FundId = table.Column<Guid>(type: "uuid", nullable: false),
                    Account = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Amount = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fund_entry_lines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_fund_entry_lines_fund_entries_EntryId",
                        column: x => x.EntryId,
                        principalTable: "fund_entries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "fund_stock_moves",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FundId = table.Column<Guid>(type: "uuid", nullable: false),
                    EntryId = table.Column<long>(type: "bigint", nullable: false),
                    Item = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Unit = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Quantity = table.Column<decimal>(type: "numeric(18,3)", precision: 18, scale: 3, nullable: false),
                    Value = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fund_stock_moves", x => x.Id);
                    table.ForeignKey(
                        name: "FK_fund_stock_moves_fund_entries_EntryId",
                        column: x => x.EntryId,
                        principalTable: "fund_entries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "fund_years",
                columns: table => new
                {
                    FundId = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    OpeningBalance = table.Column<long>(type: "bigint", nullable: false),
                    ClosingBalance = table.Column<long>(type: "bigint", nullable: false),
                    ClosingEntryId = table.Column<long>(type: "bigint", nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ClosedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fund_years", x => new { x.FundId, x.Year });
                    table.ForeignKey(
                        name: "FK_fund_years_fund_entries_ClosingEntryId",
                        column: x => x.ClosingEntryId,
                        principalTable: "fund_entries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_fund_allocations_FromFundId",
                table: "fund_allocations",
                column: "FromFundId");

            migrationBuilder.CreateIndex(
                name: "IX_fund_allocations_InEntryId",
                table: "fund_allocations",
                column: "InEntryId");

            migrationBuilder.CreateIndex(
                name: "IX_fund_allocations_OutEntryId",
                table: "fund_allocations",
                column: "OutEntryId");

            migrationBuilder.CreateIndex(
                name: "IX_fund_allocations_ReversesAllocationId",
                table: "fund_allocations",
                column: "ReversesAllocationId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_fund_allocations_ToFundId",
                table: "fund_allocations",
                column: "ToFundId");

            migrationBuilder.CreateIndex(
                name: "IX_fund_beneficiaries_EntryId",
                table: "fund_beneficiaries",
                column: "EntryId");

            migrationBuilder.CreateIndex(
                name: "IX_fund_beneficiaries_HouseholdId",
                table: "fund_beneficiaries",
                column: "HouseholdId");

            migrationBuilder.CreateIndex(
                name: "IX_fund_campaigns_FundId",
                table: "fund_campaigns",
                column: "FundId");

            migrationBuilder.CreateIndex(
                name: "IX_fund_donors_SearchName_Type",
                table: "fund_donors",
                columns: new[] { "SearchName", "Type" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_fund_entries_CampaignId",
                table: "fund_entries",
                column: "CampaignId");

            migrationBuilder.CreateIndex(
                name: "IX_fund_entries_DonorId",
                table: "fund_entries",
                column: "DonorId");

            migrationBuilder.CreateIndex(
                name: "IX_fund_entries_FundId_Date",
                table: "fund_entries",
                columns: new[] { "FundId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_fund_entries_FundId_IdempotencyKey",
                table: "fund_entries",
                columns: new[] { "FundId", "IdempotencyKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_fund_entries_FundId_Seq",
                table: "fund_entries",
                columns: new[] { "FundId", "Seq" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_fund_entries_ReversesEntryId",
                table: "fund_entries",
                column: "ReversesEntryId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_fund_entries_UnitCode_VoucherNumber",
                table: "fund_entries",
                columns: new[] { "UnitCode", "VoucherNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_fund_entries_VoucherNumber",
                table: "fund_entries",
                column: "VoucherNumber");

            migrationBuilder.CreateIndex(
                name: "IX_fund_entry_lines_EntryId",
                table: "fund_entry_lines",
                column: "EntryId");

            migrationBuilder.CreateIndex(
                name: "IX_fund_publications_FundId_Year_CampaignId",
                table: "fund_publications",
                columns: new[] { "FundId", "Year", "CampaignId" });

            migrationBuilder.CreateIndex(
                name: "IX_fund_stock_moves_EntryId",
                table: "fund_stock_moves",
                column: "EntryId");

            migrationBuilder.CreateIndex(
                name: "IX_fund_stock_moves_FundId_Item",
                table: "fund_stock_moves",
                columns: new[] { "FundId", "Item" });

            migrationBuilder.CreateIndex(
                name: "IX_fund_years_ClosingEntryId",
                table: "fund_years",
                column: "ClosingEntryId");

            migrationBuilder.CreateIndex(
                name: "IX_funds_CurrentProvinceCode",
                table: "funds",
                column: "CurrentProvinceCode");

            migrationBuilder.CreateIndex(
                name: "IX_funds_UnitId_Kind_Name",
                table: "funds",
                columns: new[] { "UnitId", "Kind", "Name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "fund_allocations");

            migrationBuilder.DropTable(
                name: "fund_beneficiaries");

            migrationBuilder.DropTable(
                name: "fund_campaigns");

            migrationBuilder.DropTable(
                name: "fund_donors");

            migrationBuilder.DropTable(
                name: "fund_entry_lines");

            migrationBuilder.DropTable(
                name: "fund_month_totals");

            migrationBuilder.DropTable(
                name: "fund_publications");

            migrationBuilder.DropTable(
                name: "fund_stock_moves");

            migrationBuilder.DropTable(
                name: "fund_voucher_counters");

            migrationBuilder.DropTable(
                name: "fund_years");

            migrationBuilder.DropTable(
                name: "fund_entries");

            migrationBuilder.DropTable(
                name: "funds");
        }
    }
}
