using AnSinh.Platform.Errors;
using AnSinh.Platform.Text;

namespace AnSinh.Registry.Households;

/// <summary>A member's fields after validation and normalisation.</summary>
public sealed record ValidMember(
    string FullName, Sex Sex, PartialDate BirthDate, string? NationalId, string EthnicityCode, Relationship Relationship,
    string? Occupation, string? Schooling, DisabilityLevel Disability);

/// <summary>Pure checks shared by the form, the API, the import and the CLI.</summary>
public static class MemberValidation
{
    public static ValidMember? Validate(MemberInput m, string prefix, DateOnly today, ValidationErrors errors, bool relationshipRequired = true)
    {
        var before = errors.Count;
        var name = VietnameseText.Normalize(m.FullName);
        Add(PersonRules.CheckText(name, "họ và tên", PersonRules.MaxNameLength, required: true), "fullName");
        var sex = PersonRules.ParseSex(m.Sex);
        if (sex is null)
        {
            errors.Add(prefix + "sex", "Giới tính phải là \"male\" (nam) hoặc \"female\" (nữ).");
        }
        PartialDate birth = default;
        if (!PartialDate.TryParse(m.BirthDate, out birth, out var dateError))
        {
            errors.Add(prefix + "birthDate", dateError!);
        }
        else if (birth.Earliest > today)
        {
            errors.Add(prefix + "birthDate", $"Ngày sinh {birth.ToDisplay()} ở tương lai.");
        }
        var id = string.IsNullOrWhiteSpace(m.NationalId) ? null : m.NationalId.Trim();
        if (id is not null && sex is not null && birth.Year > 0)
        {
            Add(PersonRules.CheckNationalId(id, sex.Value, birth.Year), "nationalId");
        }
        else if (id is not null && (id.Length != 12 || !id.All(char.IsAsciiDigit)))
        {
            errors.Add(prefix + "nationalId", "Số CCCD/định danh phải gồm đúng 12 chữ số.");
        }
        var ethnicity = string.IsNullOrWhiteSpace(m.Ethnicity) ? Ethnicities.KinhCode : Ethnicities.Find(m.Ethnicity);
        if (ethnicity is null)
        {
            errors.Add(prefix + "ethnicity", $"Dân tộc \"{Cut(m.Ethnicity)}\" không có trong danh mục 54 dân tộc.");
        }
        Relationship? relationship = Relationship.Other;
        if (relationshipRequired)
        {
            relationship = PersonRules.ParseRelationship(m.Relationship);
            if (relationship is null)
            {
                errors.Add(prefix + "relationship", "Quan hệ với chủ hộ phải là head, spouse, child, parent, grandchild, sibling hoặc other.");
            }
        }
        var occupation = VietnameseText.Normalize(m.Occupation);
        Add(PersonRules.CheckText(occupation, "nghề nghiệp", PersonRules.MaxNameLength, required: false), "occupation");
        var schooling = VietnameseText.Normalize(m.Schooling);
        Add(PersonRules.CheckText(schooling, "trình độ học vấn", 100, required: false), "schooling");
        var disability = PersonRules.ParseDisability(m.Disability);
        if (disability is null)
        {
            errors.Add(prefix + "disability", "Mức độ khuyết tật phải là none, mild, severe hoặc particularly_severe.");
        }
        if (errors.Count != before)
        {
            return null;
        }
        return new ValidMember(name, sex!.Value, birth, id, ethnicity!, relationship!.Value,
            occupation.Length == 0 ? null : occupation, schooling.Length == 0 ? null : schooling, disability!.Value);

        void Add(string? error, string field)
        {
            if (error is not null)
            {
                errors.Add(prefix + field, error);
            }
        }
    }

    /// <summary>A household has exactly one head among its members.</summary>
    public static string? CheckOneHead(IEnumerable<Relationship> relationships)
    {
        var heads = relationships.Count(r => r == Relationship.Head);
        return heads switch
        {
            0 => "Hộ chưa có chủ hộ: một thành viên phải có quan hệ \"head\" (chủ hộ).",
            1 => null,
            _ => $"Hộ có {heads} chủ hộ: chỉ được một.",
        };
    }

    private static string Cut(string? s) => s is null ? "" : s.Length > 40 ? s[..40] + "…" : s;
}
