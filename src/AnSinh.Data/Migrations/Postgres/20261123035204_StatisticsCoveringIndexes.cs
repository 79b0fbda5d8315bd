using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AnSinh.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class StatisticsCoveringIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_poverty_statuses_CommuneUnitId_From",
                table: "poverty_statuses");

            migrationBuilder.DropIndex(
                name: "IX_poverty_statuses_RoundId",
                table: "poverty_statuses");

            migrationBuilder.DropIndex(
                name: "IX_household_locations_CommuneUnitId_From",
                table: "household_locations");

            migrationBuilder.AddColumn<string>(
                name: "Movements",
                table: "review_rounds",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "EthnicMinority",
                table: "household_locations",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "IsUrban",
                table: "household_locations",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            // Existing rows: the area of the commune they are in and the head's ethnic group; the
            // movement counts of rounds already decided.
            migrationBuilder.Sql("""
                UPDATE household_locations SET "IsUrban" = COALESCE((SELECT u."IsUrban" FROM admin_units u WHERE u."Id" = household_locations."CommuneUnitId"), false),
                    "EthnicMinority" = COALESCE((SELECT p."EthnicityCode" <> '01' FROM households h JOIN persons p ON p."Id" = h."HeadPersonId" WHERE h."Id" = household_locations."HouseholdId"), false)
                """);
            migrationBuilder.Sql("""
                UPDATE review_rounds SET "Movements" = (
                    SELECT json_object_agg(code, n)::text FROM (SELECT CASE x."Movement" WHEN 1 THEN 'newly_poor' WHEN 2 THEN 'newly_near_poor' WHEN 3 THEN 'escaped_poverty' WHEN 4 THEN 'escaped_near_poverty' WHEN 5 THEN 'fell_back_into_poverty' ELSE 'unchanged' END AS code, COUNT(*) AS n FROM review_households x WHERE x."RoundId" = review_rounds."Id" GROUP BY x."Movement") m)
                WHERE "Stage" = 4
                """);

            migrationBuilder.CreateIndex(
                name: "IX_review_households_RoundId_Id",
                table: "review_households",
                columns: new[] { "RoundId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_poverty_statuses_lists",
                table: "poverty_statuses",
                columns: new[] { "CommuneUnitId", "Status", "From", "To", "IsUrban", "EthnicMinority", "VillageName" });

            migrationBuilder.CreateIndex(
                name: "IX_household_locations_lists",
                table: "household_locations",
                columns: new[] { "CommuneUnitId", "From", "To", "IsUrban", "EthnicMinority", "VillageName" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_review_households_RoundId_Id",
                table: "review_households");

            migrationBuilder.DropIndex(
                name: "IX_poverty_statuses_lists",
                table: "poverty_statuses");

            migrationBuilder.DropIndex(
                name: "IX_household_locations_lists",
                table: "household_locations");

            migrationBuilder.DropColumn(
                name: "Movements",
                table: "review_rounds");

            migrationBuilder.DropColumn(
                name: "EthnicMinority",
                table: "household_locations");

            migrationBuilder.DropColumn(
                name: "IsUrban",
                table: "household_locations");

            migrationBuilder.CreateIndex(
                name: "IX_poverty_statuses_CommuneUnitId_From",
                table: "poverty_statuses",
                columns: new[] { "CommuneUnitId", "From" });

            migrationBuilder.CreateIndex(
                name: "IX_poverty_statuses_RoundId",
                table: "poverty_statuses",
                column: "RoundId");

            migrationBuilder.CreateIndex(
                name: "IX_household_locations_CommuneUnitId_From",
                table: "household_locations",
                columns: new[] { "CommuneUnitId", "From" });
        }
    }
}
