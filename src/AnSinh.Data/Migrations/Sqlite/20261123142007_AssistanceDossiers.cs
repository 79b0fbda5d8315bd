using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AnSinh.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AssistanceDossiers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "benefit_dossier_complaints",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DossierId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AnsweredOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Answer = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_benefit_dossier_complaints", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "benefit_dossiers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CommuneUnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    CommuneCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    ProvinceCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    FullName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    VillageName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Scheme = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Clauses = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Disability = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    DisabilityCertifiedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Children = table.Column<int>(type: "INTEGER", nullable: false),
                    Hiv = table.Column<bool>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    FiledOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ReviewDueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ReviewedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ReviewNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    PostedFrom = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PostedTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DecidedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DecisionNumber = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    RejectionReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    BeneficiaryId = table.Column<Guid>(type: "TEXT", nullable: true),
                    EntitledFrom = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_benefit_dossiers", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_benefit_dossier_complaints_DossierId",
                table: "benefit_dossier_complaints",
                column: "DossierId");

            migrationBuilder.CreateIndex(
                name: "IX_benefit_dossiers_CommuneUnitId_Status",
                table: "benefit_dossiers",
                columns: new[] { "CommuneUnitId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_benefit_dossiers_PersonId",
                table: "benefit_dossiers",
                column: "PersonId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "benefit_dossier_complaints");

            migrationBuilder.DropTable(
                name: "benefit_dossiers");
        }
    }
}
