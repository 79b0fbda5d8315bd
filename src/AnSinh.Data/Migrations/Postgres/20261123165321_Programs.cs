using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AnSinh.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Programs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "program_approved_reports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    UnitCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    UnitName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ProvinceCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Period = table.Column<int>(type: "integer", nullable: false),
                    Map = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Content = table.Column<string>(type: "text", nullable: false),
                    DecisionNumber = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    ApprovedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ApprovedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_program_approved_reports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "program_helper_activities",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AssignmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Done = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Value = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_program_helper_activities", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "program_helper_assignments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    HouseholdId = table.Column<Guid>(type: "uuid", nullable: false),
                    HouseholdCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    HeadName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CommuneUnitId = table.Column<int>(type: "integer", nullable: false),
                    CommuneCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    ProvinceCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    HelperName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    HelperKind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Commitment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    To = table.Column<DateOnly>(type: "date", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_program_helper_assignments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "program_housing_funding",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    WorkId = table.Column<Guid>(type: "uuid", nullable: false),
                    Source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Amount = table.Column<long>(type: "bigint", nullable: false),
                    LabourDays = table.Column<int>(type: "integer", nullable: false),
                    FundEntryId = table.Column<long>(type: "bigint", nullable: true),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_program_housing_funding", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "program_housing_works",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    HouseholdId = table.Column<Guid>(type: "uuid", nullable: false),
                    HouseholdCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    HeadName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CommuneUnitId = table.Column<int>(type: "integer", nullable: false),
                    CommuneCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    ProvinceCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Programme = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    WorkKind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Stage = table.Column<int>(type: "integer", nullable: false),
                    ListedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ApprovedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    StartedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    CompletedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    HandedOverOn = table.Column<DateOnly>(type: "date", nullable: true),
                    EstimatedCost = table.Column<long>(type: "bigint", nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_program_housing_works", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "program_indicator_summaries",
                columns: table => new
                {
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Period = table.Column<int>(type: "integer", nullable: false),
                    Indicator = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Value = table.Column<decimal>(type: "numeric(20,2)", precision: 20, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_program_indicator_summaries", x => new { x.Year, x.Period, x.UnitId, x.Indicator });
                });

            migrationBuilder.CreateTable(
                name: "program_records",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CommuneUnitId = table.Column<int>(type: "integer", nullable: false),
                    CommuneCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    ProvinceCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    HouseholdId = table.Column<Guid>(type: "uuid", nullable: true),
                    PersonName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Programme = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Amount = table.Column<long>(type: "bigint", nullable: false),
                    TermMonths = table.Column<int>(type: "integer", nullable: true),
                    Purpose = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_program_records", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "program_summary_refreshes",
                columns: table => new
                {
                    ProvinceCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    RefreshedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Dirty = table.Column<bool>(type: "boolean", nullable: false),
                    Seconds = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_program_summary_refreshes", x => new { x.ProvinceCode, x.Year });
                });

            migrationBuilder.CreateTable(
                name: "program_summary_watermark",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    AuditId = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_program_summary_watermark", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "program_supervision_visits",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    WorkId = table.Column<Guid>(type: "uuid", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    VisitedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Findings = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_program_supervision_visits", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "program_targets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    UnitCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    UnitName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Indicator = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Value = table.Column<decimal>(type: "numeric(20,2)", precision: 20, scale: 2, nullable: false),
                    ParentId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_program_targets", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_program_approved_reports_ProvinceCode_Year",
                table: "program_approved_reports",
                columns: new[] { "ProvinceCode", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_program_approved_reports_UnitId_Year_Period",
                table: "program_approved_reports",
                columns: new[] { "UnitId", "Year", "Period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_program_helper_activities_AssignmentId",
                table: "program_helper_activities",
                column: "AssignmentId");

            migrationBuilder.CreateIndex(
                name: "IX_program_helper_assignments_CommuneUnitId_From",
                table: "program_helper_assignments",
                columns: new[] { "CommuneUnitId", "From" });

            migrationBuilder.CreateIndex(
                name: "IX_program_helper_assignments_HouseholdId",
                table: "program_helper_assignments",
                column: "HouseholdId");

            migrationBuilder.CreateIndex(
                name: "IX_program_housing_funding_FundEntryId",
                table: "program_housing_funding",
                column: "FundEntryId");

            migrationBuilder.CreateIndex(
                name: "IX_program_housing_funding_WorkId",
                table: "program_housing_funding",
                column: "WorkId");

            migrationBuilder.CreateIndex(
                name: "IX_program_housing_works_CommuneUnitId_Stage",
                table: "program_housing_works",
                columns: new[] { "CommuneUnitId", "Stage" });

            migrationBuilder.CreateIndex(
                name: "IX_program_housing_works_HouseholdId",
                table: "program_housing_works",
                column: "HouseholdId");

            migrationBuilder.CreateIndex(
                name: "IX_program_records_CommuneUnitId_Date_Kind",
                table: "program_records",
                columns: new[] { "CommuneUnitId", "Date", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_program_records_PersonId",
                table: "program_records",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_program_supervision_visits_WorkId",
                table: "program_supervision_visits",
                column: "WorkId");

            migrationBuilder.CreateIndex(
                name: "IX_program_targets_ParentId",
                table: "program_targets",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_program_targets_UnitId_Year_Indicator",
                table: "program_targets",
                columns: new[] { "UnitId", "Year", "Indicator" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "program_approved_reports");

            migrationBuilder.DropTable(
                name: "program_helper_activities");

            migrationBuilder.DropTable(
                name: "program_helper_assignments");

            migrationBuilder.DropTable(
                name: "program_housing_funding");

            migrationBuilder.DropTable(
                name: "program_housing_works");

            migrationBuilder.DropTable(
                name: "program_indicator_summaries");

            migrationBuilder.DropTable(
                name: "program_records");

            migrationBuilder.DropTable(
                name: "program_summary_refreshes");

            migrationBuilder.DropTable(
                name: "program_summary_watermark");

            migrationBuilder.DropTable(
                name: "program_supervision_visits");

            migrationBuilder.DropTable(
                name: "program_targets");
        }
    }
}
