using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AnSinh.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class HealthCards : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "benefit_card_batches",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CommuneUnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    CommuneCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    CommuneName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ProvinceCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ValidTo = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Cards = table.Column<int>(type: "INTEGER", nullable: false),
                    StateCost = table.Column<long>(type: "INTEGER", nullable: false),
                    IssuedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    IssuedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_benefit_card_batches", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "benefit_card_groups",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CardPrefix = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    BenefitCode = table.Column<int>(type: "INTEGER", nullable: false),
                    BenefitPercent = table.Column<int>(type: "INTEGER", nullable: false),
                    StatePercent = table.Column<int>(type: "INTEGER", nullable: false),
                    PremiumRate = table.Column<decimal>(type: "TEXT", precision: 6, scale: 4, nullable: false),
                    MaxAgeYears = table.Column<int>(type: "INTEGER", nullable: true),
                    Rank = table.Column<int>(type: "INTEGER", nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ValidTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Provisional = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_benefit_card_groups", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "benefit_health_cards",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BatchId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CommuneUnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    CommuneCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    ProvinceCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    FullName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NationalId = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    GroupCode = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    CardNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ValidTo = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    MonthlyPremium = table.Column<long>(type: "INTEGER", nullable: false),
                    StatePercent = table.Column<int>(type: "INTEGER", nullable: false),
                    StateCost = table.Column<long>(type: "INTEGER", nullable: false),
                    IssuedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_benefit_health_cards", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_benefit_card_batches_CommuneUnitId_IssuedAt",
                table: "benefit_card_batches",
                columns: new[] { "CommuneUnitId", "IssuedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_benefit_card_batches_ProvinceCode_IssuedAt",
                table: "benefit_card_batches",
                columns: new[] { "ProvinceCode", "IssuedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_benefit_card_groups_Code_ValidFrom",
                table: "benefit_card_groups",
                columns: new[] { "Code", "ValidFrom" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_benefit_health_cards_BatchId",
                table: "benefit_health_cards",
                column: "BatchId");

            migrationBuilder.CreateIndex(
                name: "IX_benefit_health_cards_CardNumber_ValidFrom",
                table: "benefit_health_cards",
                columns: new[] { "CardNumber", "ValidFrom" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_benefit_health_cards_CommuneUnitId_ValidTo",
                table: "benefit_health_cards",
                columns: new[] { "CommuneUnitId", "ValidTo" });

            migrationBuilder.CreateIndex(
                name: "IX_benefit_health_cards_PersonId_ValidTo",
                table: "benefit_health_cards",
                columns: new[] { "PersonId", "ValidTo" });

            migrationBuilder.CreateIndex(
                name: "IX_benefit_health_cards_ProvinceCode_IssuedAt",
                table: "benefit_health_cards",
                columns: new[] { "ProvinceCode", "IssuedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "benefit_card_batches");

            migrationBuilder.DropTable(
                name: "benefit_card_groups");

            migrationBuilder.DropTable(
                name: "benefit_health_cards");
        }
    }
}
