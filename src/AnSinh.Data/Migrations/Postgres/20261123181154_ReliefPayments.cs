using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AnSinh.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReliefPayments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "benefit_relief_payments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    FundId = table.Column<Guid>(type: "uuid", nullable: false),
                    FundEntryId = table.Column<long>(type: "bigint", nullable: false),
                    CommuneCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Amount = table.Column<long>(type: "bigint", nullable: false),
                    PaidOn = table.Column<DateOnly>(type: "date", nullable: false),
                    PaidBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_benefit_relief_payments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_benefit_relief_payments_fund_entries_FundEntryId",
                        column: x => x.FundEntryId,
                        principalTable: "fund_entries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_benefit_relief_payments_CaseId",
                table: "benefit_relief_payments",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_benefit_relief_payments_EventId",
                table: "benefit_relief_payments",
                column: "EventId");

            migrationBuilder.CreateIndex(
                name: "IX_benefit_relief_payments_FundEntryId",
                table: "benefit_relief_payments",
                column: "FundEntryId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "benefit_relief_payments");
        }
    }
}
