using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AnSinh.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class BenefitParameters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "benefit_assistance_coefficients",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Clause = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Disability = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    MinAge = table.Column<int>(type: "integer", nullable: false),
                    MaxAge = table.Column<int>(type: "integer", nullable: true),
                    Coefficient = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: false),
                    PerChild = table.Column<bool>(type: "boolean", nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    ValidTo = table.Column<DateOnly>(type: "date", nullable: true),
                    Source = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_benefit_assistance_coefficients", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "benefit_base_levels",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Scheme = table.Column<int>(type: "integer", nullable: false),
                    ProvinceCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    Amount = table.Column<long>(type: "bigint", nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    ValidTo = table.Column<DateOnly>(type: "date", nullable: true),
                    Source = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Provisional = table.Column<bool>(type: "boolean", nullable: false),
                    ConfirmedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ConfirmedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_benefit_base_levels", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "benefit_merit_rates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Table = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Row = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    Allowance = table.Column<long>(type: "bigint", nullable: true),
                    Supplement = table.Column<long>(type: "bigint", nullable: true),
                    SupplementPerYear = table.Column<bool>(type: "boolean", nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    ValidTo = table.Column<DateOnly>(type: "date", nullable: true),
                    Source = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_benefit_merit_rates", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_benefit_assistance_coefficients_Clause_ValidFrom",
                table: "benefit_assistance_coefficients",
                columns: new[] { "Clause", "ValidFrom" });

            migrationBuilder.CreateIndex(
                name: "IX_benefit_base_levels_Scheme_ProvinceCode_ValidFrom",
                table: "benefit_base_levels",
                columns: new[] { "Scheme", "ProvinceCode", "ValidFrom" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_benefit_merit_rates_Table_Row_ValidFrom",
                table: "benefit_merit_rates",
                columns: new[] { "Table", "Row", "ValidFrom" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "benefit_assistance_coefficients");

            migrationBuilder.DropTable(
                name: "benefit_base_levels");

            migrationBuilder.DropTable(
                name: "benefit_merit_rates");
        }
    }
}
