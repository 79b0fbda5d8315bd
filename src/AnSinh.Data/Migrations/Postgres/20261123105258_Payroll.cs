using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AnSinh.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Payroll : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ChangedAt",
                table: "benefit_beneficiaries",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.CreateTable(
                name: "benefit_payroll_lines",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RunId = table.Column<Guid>(type: "uuid", nullable: false),
                    BeneficiaryId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProvinceCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    PayKey = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Scheme = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    ForMonth = table.Column<DateOnly>(type: "date", nullable: false),
                    Amount = table.Column<long>(type: "bigint", nullable: false),
                    Basis = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PaidOn = table.Column<DateOnly>(type: "date", nullable: true),
                    PaymentMethod = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    PaymentReference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_benefit_payroll_lines", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "benefit_payroll_runs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CommuneUnitId = table.Column<int>(type: "integer", nullable: false),
                    CommuneCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    CommuneName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ProvinceCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    People = table.Column<int>(type: "integer", nullable: false),
                    Total = table.Column<long>(type: "bigint", nullable: false),
                    Arrears = table.Column<long>(type: "bigint", nullable: false),
                    Recoveries = table.Column<long>(type: "bigint", nullable: false),
                    Withheld = table.Column<int>(type: "integer", nullable: false),
                    ParametersHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ComputedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ComputedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ApprovedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ApprovedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_benefit_payroll_runs", x => x.Id);
                });

            migrationBuilder.Sql("UPDATE \"benefit_beneficiaries\" SET \"ChangedAt\" = \"CreatedAt\";");

            migrationBuilder.CreateIndex(
                name: "IX_benefit_beneficiaries_CommuneUnitId_ChangedAt",
                table: "benefit_beneficiaries",
                columns: new[] { "CommuneUnitId", "ChangedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_benefit_beneficiaries_PersonId",
                table: "benefit_beneficiaries",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_benefit_payroll_lines_RunId_BeneficiaryId",
                table: "benefit_payroll_lines",
                columns: new[] { "RunId", "BeneficiaryId" });

            migrationBuilder.CreateIndex(
                name: "ux_payroll_once_per_month",
                table: "benefit_payroll_lines",
                columns: new[] { "ProvinceCode", "ForMonth", "Scheme", "PayKey" },
                unique: true,
                filter: "\"Kind\" = 1");

            migrationBuilder.CreateIndex(
                name: "IX_benefit_payroll_runs_CommuneUnitId_Month",
                table: "benefit_payroll_runs",
                columns: new[] { "CommuneUnitId", "Month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_benefit_payroll_runs_ProvinceCode_Month",
                table: "benefit_payroll_runs",
                columns: new[] { "ProvinceCode", "Month" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "benefit_payroll_lines");

            migrationBuilder.DropTable(
                name: "benefit_payroll_runs");

            migrationBuilder.DropIndex(
                name: "IX_benefit_beneficiaries_CommuneUnitId_ChangedAt",
                table: "benefit_beneficiaries");

            migrationBuilder.DropIndex(
                name: "IX_benefit_beneficiaries_PersonId",
                table: "benefit_beneficiaries");

            migrationBuilder.DropColumn(
                name: "ChangedAt",
                table: "benefit_beneficiaries");
        }
    }
}
