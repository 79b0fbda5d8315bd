using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AnSinh.Data.Migrations.Postgres
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    HouseholdId = table.Column<Guid>(type: "uuid", nullable: false),
                    CommuneUnitId = table.Column<int>(type: "integer", nullable: false),
                    CommuneCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    ProvinceCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    FullName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    BirthDate = table.Column<DateOnly>(type: "date", nullable: false),
                    NationalId = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    Scheme = table.Column<int>(type: "integer", nullable: false),
                    Clauses = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Disability = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    Children = table.Column<int>(type: "integer", nullable: false),
                    Hiv = table.Column<bool>(type: "boolean", nullable: false),
                    Category = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    Martyrs = table.Column<int>(type: "integer", nullable: false),
                    InjuryPercent = table.Column<int>(type: "integer", nullable: true),
                    ParticularlySevere = table.Column<bool>(type: "boolean", nullable: false),
                    DecisionNumber = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    DecisionDate = table.Column<DateOnly>(type: "date", nullable: false),
                    EntitledFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    EndedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    EndReason = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
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
