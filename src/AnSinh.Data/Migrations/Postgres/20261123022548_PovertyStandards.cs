using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AnSinh.Data.Migrations.Postgres
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    ValidTo = table.Column<DateOnly>(type: "date", nullable: false),
                    RuralIncomeLine = table.Column<long>(type: "bigint", nullable: false),
                    UrbanIncomeLine = table.Column<long>(type: "bigint", nullable: false),
                    RuralAverageUpper = table.Column<long>(type: "bigint", nullable: true),
                    UrbanAverageUpper = table.Column<long>(type: "bigint", nullable: true),
                    PoorMinDeprivations = table.Column<int>(type: "integer", nullable: false),
                    RuralScoreThreshold = table.Column<int>(type: "integer", nullable: false),
                    UrbanScoreThreshold = table.Column<int>(type: "integer", nullable: false),
                    Indicators = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    LegalSource = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    ProvisionalFields = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false)
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
