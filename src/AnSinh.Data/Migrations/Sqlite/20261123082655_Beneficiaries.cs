using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AnSinh.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Beneficiaries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "benefit_beneficiaries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HouseholdId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CommuneUnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    CommuneCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    ProvinceCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    FullName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    BirthDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    NationalId = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    Scheme = table.Column<int>(type: "INTEGER", nullable: false),
                    Clauses = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Disability = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    Children = table.Column<int>(type: "INTEGER", nullable: false),
                    Hiv = table.Column<bool>(type: "INTEGER", nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    Martyrs = table.Column<int>(type: "INTEGER", nullable: false),
                    InjuryPercent = table.Column<int>(type: "INTEGER", nullable: true),
                    ParticularlySevere = table.Column<bool>(type: "INTEGER", nullable: false),
                    DecisionNumber = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    DecisionDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EntitledFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    EndReason = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_benefit_beneficiaries", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_benefit_beneficiaries_CommuneUnitId_Scheme_EndedOn",
                table: "benefit_beneficiaries",
                columns: new[] { "CommuneUnitId", "Scheme", "EndedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_benefit_beneficiaries_NationalId",
                table: "benefit_beneficiaries",
                column: "NationalId");

            migrationBuilder.CreateIndex(
                name: "IX_benefit_beneficiaries_PersonId_Scheme",
                table: "benefit_beneficiaries",
                columns: new[] { "PersonId", "Scheme" });

            migrationBuilder.CreateIndex(
                name: "IX_benefit_beneficiaries_ProvinceCode_Scheme",
                table: "benefit_beneficiaries",
                columns: new[] { "ProvinceCode", "Scheme" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "benefit_beneficiaries");
        }
    }
}
