using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AnSinh.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AssistanceDossiers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Clause",
                table: "benefit_assistance_coefficients",
                type: "character varying(30)",
                maxLength: 30,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(10)",
                oldMaxLength: 10);

            migrationBuilder.CreateTable(
                name: "benefit_dossier_complaints",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DossierId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    AnsweredOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Answer = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_benefit_dossier_complaints", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "benefit_dossiers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    CommuneUnitId = table.Column<int>(type: "integer", nullable: false),
                    CommuneCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    ProvinceCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    FullName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    VillageName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Scheme = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Clauses = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Disability = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    DisabilityCertifiedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Children = table.Column<int>(type: "integer", nullable: false),
                    Hiv = table.Column<bool>(type: "boolean", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    FiledOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ReviewDueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ReviewedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ReviewNote = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    PostedFrom = table.Column<DateOnly>(type: "date", nullable: true),
                    PostedTo = table.Column<DateOnly>(type: "date", nullable: true),
                    DecidedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    DecisionNumber = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    RejectionReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    BeneficiaryId = table.Column<Guid>(type: "uuid", nullable: true),
                    EntitledFrom = table.Column<DateOnly>(type: "date", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
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

            migrationBuilder.AlterColumn<string>(
                name: "Clause",
                table: "benefit_assistance_coefficients",
                type: "character varying(10)",
                maxLength: 10,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(30)",
                oldMaxLength: 30);
        }
    }
}
