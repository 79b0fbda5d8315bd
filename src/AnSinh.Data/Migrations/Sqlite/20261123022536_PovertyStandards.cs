using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AnSinh.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PovertyStandards : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "poverty_standards",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ValidTo = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RuralIncomeLine = table.Column<long>(type: "INTEGER", nullable: false),
                    UrbanIncomeLine = table.Column<long>(type: "INTEGER", nullable: false),
                    RuralAverageUpper = table.Column<long>(type: "INTEGER", nullable: true),
                    UrbanAverageUpper = table.Column<long>(type: "INTEGER", nullable: true),
                    PoorMinDeprivations = table.Column<int>(type: "INTEGER", nullable: false),
                    RuralScoreThreshold = table.Column<int>(type: "INTEGER", nullable: false),
                    UrbanScoreThreshold = table.Column<int>(type: "INTEGER", nullable: false),
                    Indicators = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    LegalSource = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ProvisionalFields = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_poverty_standards", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_poverty_standards_Code",
                table: "poverty_standards",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_poverty_standards_ValidFrom",
                table: "poverty_standards",
                column: "ValidFrom");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "poverty_standards");
        }
    }
}
