using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AnSinh.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FormBScoreTables : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Room in each page so the classify job's result updates are HOT (no index writes).
            migrationBuilder.Sql("ALTER TABLE review_households SET (fillfactor = 50)");

            migrationBuilder.CreateTable(
                name: "poverty_score_points",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    StandardCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Question = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    QuestionText = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Answer = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    AnswerText = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    NorthernMountains = table.Column<int>(type: "integer", nullable: true),
                    RedRiverDelta = table.Column<int>(type: "integer", nullable: true),
                    CentralCoast = table.Column<int>(type: "integer", nullable: true),
                    CentralHighlands = table.Column<int>(type: "integer", nullable: true),
                    Southeast = table.Column<int>(type: "integer", nullable: true),
                    MekongDelta = table.Column<int>(type: "integer", nullable: true),
                    Urban = table.Column<int>(type: "integer", nullable: true),
                    Source = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_poverty_score_points", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_poverty_score_points_StandardCode_Question_Answer",
                table: "poverty_score_points",
                columns: new[] { "StandardCode", "Question", "Answer" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "poverty_score_points");
        }
    }
}
