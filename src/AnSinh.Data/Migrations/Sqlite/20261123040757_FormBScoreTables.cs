using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AnSinh.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FormBScoreTables : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "poverty_score_points",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StandardCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Question = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    QuestionText = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Answer = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    AnswerText = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    NorthernMountains = table.Column<int>(type: "INTEGER", nullable: true),
                    RedRiverDelta = table.Column<int>(type: "INTEGER", nullable: true),
                    CentralCoast = table.Column<int>(type: "INTEGER", nullable: true),
                    CentralHighlands = table.Column<int>(type: "INTEGER", nullable: true),
                    Southeast = table.Column<int>(type: "INTEGER", nullable: true),
                    MekongDelta = table.Column<int>(type: "INTEGER", nullable: true),
                    Urban = table.Column<int>(type: "INTEGER", nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false)
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
