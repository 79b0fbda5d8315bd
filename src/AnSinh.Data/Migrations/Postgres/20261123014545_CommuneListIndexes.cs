using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AnSinh.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CommuneListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_persons_CommuneCode_SortKey",
                table: "persons",
                columns: new[] { "CommuneCode", "SortKey" });

            migrationBuilder.CreateIndex(
                name: "IX_households_CommuneCode_VillageName_Code",
                table: "households",
                columns: new[] { "CommuneCode", "VillageName", "Code" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_persons_CommuneCode_SortKey",
                table: "persons");

            migrationBuilder.DropIndex(
                name: "IX_households_CommuneCode_VillageName_Code",
                table: "households");
        }
    }
}
