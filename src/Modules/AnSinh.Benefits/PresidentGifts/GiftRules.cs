namespace AnSinh.Benefits.PresidentGifts;

/// <summary>A merit record active on the list's date.</summary>
public sealed record GiftCandidate(Guid BeneficiaryId, Guid PersonId, Guid HouseholdId, string FullName, DateOnly BirthDate, string Category, int Martyrs, int? InjuryPercent,
    IReadOnlyList<string> MartyrCertificates);

/// <summary>
/// What other communes' lists of the same province, occasion and year already give: the people
/// (person → commune) and the martyrs represented (certificate number → commune).
/// </summary>
public sealed record GiftsElsewhere(IReadOnlyDictionary<Guid, string> People, IReadOnlyDictionary<string, string> Martyrs)
{
    public static GiftsElsewhere None { get; } = new(new Dictionary<Guid, string>(), new Dictionary<string, string>(StringComparer.Ordinal));
}

/// <summary>What a record gets on the list: a gift (amount &gt; 0) or none, with the reason.</summary>
public sealed record GiftDecision(GiftCandidate Candidate, string Row, long Amount, string Basis);

/// <summary>
/// The President's gifts (RULES.md §3), as pure functions: the row of the gift decision for a merit
/// record, one relative to represent each martyr, then one gift per person at the highest level.
/// </summary>
public static class GiftRules
{
    public const string None = "none";

    public static readonly string[] Occasions = ["tet", "july27"];

    public static string OccasionName(string occasion) => occasion == "tet" ? "Tết Nguyên đán" : "Ngày Thương binh – Liệt sĩ 27/7";

    /// <summary>The row of the gift decision for a merit category; null for a category the decision does not name.</summary>
    public static string? Row(string category, int martyrs, int? injuryPercent) => category switch
    {
        "revolutionary_before_1945_fulltime" or "revolutionary_before_1945_not_fulltime" or "revolutionary_1945_to_august_revolution" => "revolutionary",
        "heroic_mother" => "heroic_mother",
        "hero" => "hero",
        "war_invalid" or "sick_soldier" or "agent_orange" => injuryPercent >= 81 ? "injury_81_or_more" : "injury_80_or_less",
        "martyr_relative" => martyrs >= 2 ? "martyr_relatives_2_or_more" : "martyr_representative",
        _ => null,
    };

    public static List<GiftDecision> Decide(IReadOnlyList<GiftCandidate> candidates, IReadOnlyList<GiftLevel> levels, DateOnly on, GiftsElsewhere? elsewhere = null)
    {
        elsewhere ??= GiftsElsewhere.None;
        GiftLevel? Level(string row) => levels.Where(l => l.Row == row && l.ValidFrom <= on && (l.ValidTo is null || l.ValidTo >= on)).MaxBy(l => l.ValidFrom);
        var decisions = new List<GiftDecision>();
        var awarded = new List<GiftDecision>();
        foreach (var c in candidates)
        {
            var row = Row(c.Category, c.Martyrs, c.InjuryPercent);
            if (elsewhere.People.TryGetValue(c.PersonId, out var listedIn))
            {
                decisions.Add(new GiftDecision(c, None, 0, $"Đã có suất quà trong danh sách của {listedIn}: mỗi người một suất trong tỉnh."));
                continue;
            }
            if (row is null)
            {
                decisions.Add(new GiftDecision(c, None, 0, "Diện này không có trong quyết định tặng quà của Chủ tịch nước."));
                continue;
            }
            if (Level(row) is not { } level)
            {
                decisions.Add(new GiftDecision(c, None, 0, $"Chưa có mức quà áp dụng ngày {on:dd/MM/yyyy} cho diện này."));
                continue;
            }
            awarded.Add(new GiftDecision(c, row, level.Amount, $"{level.Name}: {level.Amount:N0} đồng ({level.Source}{(level.Provisional ? ", chờ xác nhận" : "")})"));
        }

        // One relative represents each martyr. A martyr whose relative of two or more martyrs is on the list is represented already.
        var represented = awarded.Where(d => d.Row == "martyr_relatives_2_or_more").SelectMany(d => d.Candidate.MartyrCertificates).ToHashSet(StringComparer.Ordinal);
        var representatives = awarded.Where(d => d.Row == "martyr_representative").ToList();
        foreach (var group in representatives.GroupBy(d => d.Candidate.MartyrCertificates.Count > 0 ? "C:" + d.Candidate.MartyrCertificates[0] : "H:" + d.Candidate.HouseholdId))
        {
            var certificate = group.First().Candidate.MartyrCertificates.FirstOrDefault();
            var ordered = group.OrderBy(d => d.Candidate.BirthDate).ThenBy(d => d.Candidate.BeneficiaryId).ToList();
            var representedElsewhere = certificate is not null && elsewhere.Martyrs.TryGetValue(certificate, out var where) ? where : null;
            var chosen = certificate is not null && (represented.Contains(certificate) || representedElsewhere is not null) ? null : ordered[0];
            foreach (var d in ordered.Where(d => d != chosen))
            {
                awarded.Remove(d);
                decisions.Add(d with
                {
                    Row = None,
                    Amount = 0,
                    Basis = chosen is null
                        ? $"Liệt sĩ (Bằng Tổ quốc ghi công số {certificate}) đã có thân nhân đại diện nhận quà{(representedElsewhere is null ? "" : $" ở {representedElsewhere}")}."
                        : $"Mỗi liệt sĩ một thân nhân đại diện nhận quà: {chosen.Candidate.FullName}"
                          + (certificate is null ? " (chưa ghi số Bằng Tổ quốc ghi công: một đại diện mỗi hộ)." : $" (Bằng Tổ quốc ghi công số {certificate})."),
                });
            }
        }

        // One gift per person, at the highest level.
        foreach (var person in awarded.GroupBy(d => d.Candidate.PersonId))
        {
            var ordered = person.OrderByDescending(d => d.Amount).ThenBy(d => d.Candidate.BeneficiaryId).ToList();
            decisions.Add(ordered[0]);
            decisions.AddRange(ordered.Skip(1).Select(d => d with { Row = None, Amount = 0, Basis = $"Mỗi người một suất quà, ở mức cao nhất: đã nhận {ordered[0].Amount:N0} đồng." }));
        }
        return decisions;
    }
}
