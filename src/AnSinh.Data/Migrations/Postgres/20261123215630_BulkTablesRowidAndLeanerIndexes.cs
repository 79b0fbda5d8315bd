using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AnSinh.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class BulkTablesRowidAndLeanerIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_poverty_statuses_HouseholdId_From_To",
                table: "poverty_statuses");

            migrationBuilder.DropIndex(
                name: "IX_benefit_payroll_lines_RunId_BeneficiaryId",
                table: "benefit_payroll_lines");

            migrationBuilder.CreateIndex(
                name: "IX_poverty_statuses_HouseholdId_From",
                table: "poverty_statuses",
                columns: new[] { "HouseholdId", "From" });

            migrationBuilder.CreateIndex(
                name: "IX_benefit_payroll_lines_RunId",
                table: "benefit_payroll_lines",
                column: "RunId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_poverty_statuses_HouseholdId_From",
                table: "poverty_statuses");

            migrationBuilder.DropIndex(
                name: "IX_benefit_payroll_lines_RunId",
                table: "benefit_payroll_lines");

            migrationBuilder.CreateIndex(
                name: "IX_poverty_statuses_HouseholdId_From_To",
                table: "poverty_statuses",
                columns: new[] { "HouseholdId", "From", "To" });

            migrationBuilder.CreateIndex(
                name: "IX_benefit_payroll_lines_RunId_BeneficiaryId",
                table: "benefit_payroll_lines",
                columns: new[] { "RunId", "BeneficiaryId" });
        }
    }
}
