using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AnSinh.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PresidentGifts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "MartyrCertificates",
                table: "benefit_beneficiaries",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "benefit_gift_levels",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Row = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ValidTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Provisional = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_benefit_gift_levels", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "benefit_president_gift_lists",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CommuneUnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    CommuneCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    CommuneName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ProvinceCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Occasion = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    AsOf = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    People = table.Column<int>(type: "INTEGER", nullable: false),
                    Total = table.Column<long>(type: "INTEGER", nullable: false),
                    ComputedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ComputedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_benefit_president_gift_lists", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "benefit_president_gifts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ListId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BeneficiaryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FullName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Row = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    Basis = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    DeliveredOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DeliveredBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_benefit_president_gifts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_benefit_gift_levels_Row_ValidFrom",
                table: "benefit_gift_levels",
                columns: new[] { "Row", "ValidFrom" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_benefit_president_gift_lists_CommuneUnitId_Occasion_Year",
                table: "benefit_president_gift_lists",
                columns: new[] { "CommuneUnitId", "Occasion", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_benefit_president_gift_lists_ProvinceCode_Occasion_Year",
                table: "benefit_president_gift_lists",
                columns: new[] { "ProvinceCode", "Occasion", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_benefit_president_gifts_ListId",
                table: "benefit_president_gifts",
                column: "ListId");

            migrationBuilder.CreateIndex(
                name: "IX_benefit_president_gifts_ListId_PersonId",
                table: "benefit_president_gifts",
                columns: new[] { "ListId", "PersonId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "benefit_gift_levels");

            migrationBuilder.DropTable(
                name: "benefit_president_gift_lists");

            migrationBuilder.DropTable(
                name: "benefit_president_gifts");

            migrationBuilder.DropColumn(
                name: "MartyrCertificates",
                table: "benefit_beneficiaries");
        }
    }
}
