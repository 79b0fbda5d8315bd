using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AnSinh.Data.Migrations.Sqlite
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    HouseholdId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RoundId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CommuneUnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    VillageName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    IsUrban = table.Column<bool>(type: "INTEGER", nullable: false),
                    EthnicMinority = table.Column<bool>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Movement = table.Column<int>(type: "INTEGER", nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_poverty_statuses", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "review_rounds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CommuneUnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    CommuneCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    ProvinceCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    StartedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    StandardCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Stage = table.Column<int>(type: "INTEGER", nullable: false),
                    PostingStart = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PostingEnd = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PostingPlaces = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    DecisionNumber = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    DecidedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_review_rounds", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "review_complaints",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoundId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HouseholdId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Complainant = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Content = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Answer = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    AnsweredOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    AnsweredBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoundId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HouseholdId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HouseholdCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    HeadName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    VillageName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    IsUrban = table.Column<bool>(type: "INTEGER", nullable: false),
                    EthnicMinority = table.Column<bool>(type: "INTEGER", nullable: false),
                    Source = table.Column<int>(type: "INTEGER", nullable: false),
                    PreviousStatus = table.Column<int>(type: "INTEGER", nullable: false),
                    EverPoor = table.Column<bool>(type: "INTEGER", nullable: false),
                    Income = table.Column<long>(type: "INTEGER", nullable: true),
                    IncomeScore = table.Column<int>(type: "INTEGER", nullable: true),
                    DeprivedMask = table.Column<int>(type: "INTEGER", nullable: false),
                    UnknownMask = table.Column<int>(type: "INTEGER", nullable: false),
                    FloorArea = table.Column<decimal>(type: "TEXT", precision: 9, scale: 2, nullable: true),
                    MemberCount = table.Column<int>(type: "INTEGER", nullable: true),
                    Overrides = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    SurveyedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    SurveyedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    NeedsRescore = table.Column<bool>(type: "INTEGER", nullable: false),
                    Result = table.Column<int>(type: "INTEGER", nullable: true),
                    Movement = table.Column<int>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoundId = table.Column<Guid>(type: "TEXT", nullable: false),
                    VillageName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Attendees = table.Column<int>(type: "INTEGER", nullable: false),
                    Agreeing = table.Column<int>(type: "INTEGER", nullable: false),
                    Passed = table.Column<bool>(type: "INTEGER", nullable: false),
                    Minutes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
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
