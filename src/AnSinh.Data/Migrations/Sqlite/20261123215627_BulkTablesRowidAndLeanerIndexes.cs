using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AnSinh.Data.Migrations.Sqlite
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

            migrationBuilder.AlterColumn<long>(
                name: "Id",
                table: "poverty_statuses",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "INTEGER")
                .OldAnnotation("Sqlite:Autoincrement", true);

            migrationBuilder.AlterColumn<long>(
                name: "Id",
                table: "benefit_payroll_lines",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "INTEGER")
                .OldAnnotation("Sqlite:Autoincrement", true);

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

            migrationBuilder.AlterColumn<long>(
                name: "Id",
                table: "poverty_statuses",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "INTEGER")
                .Annotation("Sqlite:Autoincrement", true);

            migrationBuilder.AlterColumn<long>(
                name: "Id",
                table: "benefit_payroll_lines",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "INTEGER")
                .Annotation("Sqlite:Autoincrement", true);

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
