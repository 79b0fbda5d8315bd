using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AnSinh.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class StatusHistoryIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_poverty_statuses_HouseholdId_From",
                table: "poverty_statuses");

            migrationBuilder.CreateIndex(
                name: "IX_poverty_statuses_HouseholdId_From_To",
                table: "poverty_statuses",
                columns: new[] { "HouseholdId", "From", "To" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_poverty_statuses_HouseholdId_From_To",
                table: "poverty_statuses");

            migrationBuilder.CreateIndex(
                name: "IX_poverty_statuses_HouseholdId_From",
                table: "poverty_statuses",
                columns: new[] { "HouseholdId", "From" });
        }
    }
}
