using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AnSinh.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class GiftCampaigns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "gift_campaigns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    UnitCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    UnitName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    UnitLevel = table.Column<int>(type: "integer", nullable: false),
                    CurrentProvinceCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Occasion = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    GiftValue = table.Column<long>(type: "bigint", nullable: false),
                    Form = table.Column<int>(type: "integer", nullable: false),
                    GoodsName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    GiftsMobilised = table.Column<int>(type: "integer", nullable: false),
                    FundId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gift_campaigns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_gift_campaigns_admin_units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "admin_units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_gift_campaigns_funds_FundId",
                        column: x => x.FundId,
                        principalTable: "funds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "gift_allocations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CampaignId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    UnitCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    UnitName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Gifts = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gift_allocations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_gift_allocations_gift_campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "gift_campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "gift_handouts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CampaignId = table.Column<Guid>(type: "uuid", nullable: false),
                    HouseholdId = table.Column<Guid>(type: "uuid", nullable: false),
                    CommuneUnitId = table.Column<int>(type: "integer", nullable: false),
                    CommuneCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    HeadName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    VillageName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Group = table.Column<int>(type: "integer", nullable: false),
                    Value = table.Column<long>(type: "bigint", nullable: false),
                    HandedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ReceivedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    SettledEntryId = table.Column<long>(type: "bigint", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gift_handouts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_gift_handouts_gift_campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "gift_campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_gift_allocations_CampaignId_UnitId",
                table: "gift_allocations",
                columns: new[] { "CampaignId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_gift_campaigns_CurrentProvinceCode_Year",
                table: "gift_campaigns",
                columns: new[] { "CurrentProvinceCode", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_gift_campaigns_FundId",
                table: "gift_campaigns",
                column: "FundId");

            migrationBuilder.CreateIndex(
                name: "IX_gift_campaigns_UnitId",
                table: "gift_campaigns",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_gift_handouts_CampaignId_CommuneUnitId",
                table: "gift_handouts",
                columns: new[] { "CampaignId", "CommuneUnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_gift_handouts_CampaignId_HouseholdId",
                table: "gift_handouts",
                columns: new[] { "CampaignId", "HouseholdId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "gift_allocations");

            migrationBuilder.DropTable(
                name: "gift_handouts");

            migrationBuilder.DropTable(
                name: "gift_campaigns");
        }
    }
}
