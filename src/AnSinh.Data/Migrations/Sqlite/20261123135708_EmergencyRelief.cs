using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AnSinh.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EmergencyRelief : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "benefit_relief_cases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HouseholdId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CommuneUnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    CommuneCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    HeadName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    People = table.Column<int>(type: "INTEGER", nullable: false),
                    RiceMonths = table.Column<int>(type: "INTEGER", nullable: false),
                    RiceKg = table.Column<decimal>(type: "TEXT", precision: 10, scale: 2, nullable: false),
                    Injured = table.Column<int>(type: "INTEGER", nullable: false),
                    Deaths = table.Column<int>(type: "INTEGER", nullable: false),
                    HouseDamage = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Cash = table.Column<long>(type: "INTEGER", nullable: false),
                    Explanation = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    ProposedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ProposedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    DecidedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DecisionNumber = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_benefit_relief_cases", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "benefit_relief_events",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProvinceCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    OccurredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AreaCodes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_benefit_relief_events", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "benefit_relief_rates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Value = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ValidTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_benefit_relief_rates", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_benefit_relief_cases_CommuneUnitId_ProposedAt",
                table: "benefit_relief_cases",
                columns: new[] { "CommuneUnitId", "ProposedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_benefit_relief_cases_EventId_HouseholdId",
                table: "benefit_relief_cases",
                columns: new[] { "EventId", "HouseholdId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_benefit_relief_events_ProvinceCode_OccurredOn",
                table: "benefit_relief_events",
                columns: new[] { "ProvinceCode", "OccurredOn" });

            migrationBuilder.CreateIndex(
                name: "IX_benefit_relief_rates_Code_ValidFrom",
                table: "benefit_relief_rates",
                columns: new[] { "Code", "ValidFrom" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "benefit_relief_cases");

            migrationBuilder.DropTable(
                name: "benefit_relief_events");

            migrationBuilder.DropTable(
                name: "benefit_relief_rates");
        }
    }
}
