using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AnSinh.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReviewRounds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "poverty_statuses",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    HouseholdId = table.Column<Guid>(type: "uuid", nullable: false),
                    RoundId = table.Column<Guid>(type: "uuid", nullable: false),
                    CommuneUnitId = table.Column<int>(type: "integer", nullable: false),
                    VillageName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    IsUrban = table.Column<bool>(type: "boolean", nullable: false),
                    EthnicMinority = table.Column<bool>(type: "boolean", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Movement = table.Column<int>(type: "integer", nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    To = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_poverty_statuses", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "review_rounds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CommuneUnitId = table.Column<int>(type: "integer", nullable: false),
                    CommuneCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    ProvinceCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    StartedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    StandardCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Stage = table.Column<int>(type: "integer", nullable: false),
                    PostingStart = table.Column<DateOnly>(type: "date", nullable: true),
                    PostingEnd = table.Column<DateOnly>(type: "date", nullable: true),
                    PostingPlaces = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    DecisionNumber = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    DecidedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_review_rounds", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "review_complaints",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RoundId = table.Column<Guid>(type: "uuid", nullable: false),
                    HouseholdId = table.Column<Guid>(type: "uuid", nullable: true),
                    Complainant = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Content = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Answer = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    AnsweredOn = table.Column<DateOnly>(type: "date", nullable: true),
                    AnsweredBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_review_complaints", x => x.Id);
                    table.ForeignKey(
                        name: "FK_review_complaints_review_rounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "review_rounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "review_households",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RoundId = table.Column<Guid>(type: "uuid", nullable: false),
                    HouseholdId = table.Column<Guid>(type: "uuid", nullable: false),
                    HouseholdCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    HeadName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    VillageName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    IsUrban = table.Column<bool>(type: "boolean", nullable: false),
                    EthnicMinority = table.Column<bool>(type: "boolean", nullable: false),
                    Source = table.Column<int>(type: "integer", nullable: false),
                    PreviousStatus = table.Column<int>(type: "integer", nullable: false),
                    EverPoor = table.Column<bool>(type: "boolean", nullable: false),
                    Income = table.Column<long>(type: "bigint", nullable: true),
                    IncomeScore = table.Column<int>(type: "integer", nullable: true),
                    DeprivedMask = table.Column<int>(type: "integer", nullable: false),
                    UnknownMask = table.Column<int>(type: "integer", nullable: false),
                    FloorArea = table.Column<decimal>(type: "numeric(9,2)", precision: 9, scale: 2, nullable: true),
                    MemberCount = table.Column<int>(type: "integer", nullable: true),
                    Overrides = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    SurveyedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    SurveyedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    NeedsRescore = table.Column<bool>(type: "boolean", nullable: false),
                    Result = table.Column<int>(type: "integer", nullable: true),
                    Movement = table.Column<int>(type: "integer", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_review_households", x => x.Id);
                    table.ForeignKey(
                        name: "FK_review_households_review_rounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "review_rounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "review_meetings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RoundId = table.Column<Guid>(type: "uuid", nullable: false),
                    VillageName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Attendees = table.Column<int>(type: "integer", nullable: false),
                    Agreeing = table.Column<int>(type: "integer", nullable: false),
                    Passed = table.Column<bool>(type: "boolean", nullable: false),
                    Minutes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_review_meetings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_review_meetings_review_rounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "review_rounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_household_locations_CommuneUnitId_From",
                table: "household_locations",
                columns: new[] { "CommuneUnitId", "From" });

            migrationBuilder.CreateIndex(
                name: "IX_poverty_statuses_CommuneUnitId_From",
                table: "poverty_statuses",
                columns: new[] { "CommuneUnitId", "From" });

            migrationBuilder.CreateIndex(
                name: "IX_poverty_statuses_HouseholdId_From",
                table: "poverty_statuses",
                columns: new[] { "HouseholdId", "From" });

            migrationBuilder.CreateIndex(
                name: "IX_poverty_statuses_RoundId",
                table: "poverty_statuses",
                column: "RoundId");

            migrationBuilder.CreateIndex(
                name: "IX_review_complaints_RoundId",
                table: "review_complaints",
                column: "RoundId");

            migrationBuilder.CreateIndex(
                name: "IX_review_households_RoundId_HouseholdId",
                table: "review_households",
                columns: new[] { "RoundId", "HouseholdId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_review_households_RoundId_VillageName_HouseholdCode",
                table: "review_households",
                columns: new[] { "RoundId", "VillageName", "HouseholdCode" });

            migrationBuilder.CreateIndex(
                name: "IX_review_meetings_RoundId_VillageName",
                table: "review_meetings",
                columns: new[] { "RoundId", "VillageName" });

            migrationBuilder.CreateIndex(
                name: "IX_review_rounds_CommuneUnitId_StartedOn",
                table: "review_rounds",
                columns: new[] { "CommuneUnitId", "StartedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_review_rounds_ProvinceCode_StartedOn",
                table: "review_rounds",
                columns: new[] { "ProvinceCode", "StartedOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "poverty_statuses");

            migrationBuilder.DropTable(
                name: "review_complaints");

            migrationBuilder.DropTable(
                name: "review_households");

            migrationBuilder.DropTable(
                name: "review_meetings");

            migrationBuilder.DropTable(
                name: "review_rounds");

            migrationBuilder.DropIndex(
                name: "IX_household_locations_CommuneUnitId_From",
                table: "household_locations");
        }
    }
}
