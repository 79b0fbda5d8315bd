using AnSinh.Registry.Households;

namespace AnSinh.Tests.Unit;

public sealed class HeadSuccessionTests
{
    [Theory]
    // The widow or widower takes over: the couple's children, grandchildren and parents stay so.
    [InlineData(Relationship.Spouse, Relationship.Child, Relationship.Child)]
    [InlineData(Relationship.Spouse, Relationship.Grandchild, Relationship.Grandchild)]
    [InlineData(Relationship.Spouse, Relationship.Parent, Relationship.Parent)]
    [InlineData(Relationship.Spouse, Relationship.Sibling, Relationship.Other)]
    // A son or daughter takes over: the surviving parent, the brothers and sisters.
    [InlineData(Relationship.Child, Relationship.Spouse, Relationship.Parent)]
    [InlineData(Relationship.Child, Relationship.Child, Relationship.Sibling)]
    [InlineData(Relationship.Child, Relationship.Grandchild, Relationship.Other)]
    [InlineData(Relationship.Child, Relationship.Parent, Relationship.Other)]
    // A parent of the head takes over: the head's children are grandchildren, the head's siblings children.
    [InlineData(Relationship.Parent, Relationship.Child, Relationship.Grandchild)]
    [InlineData(Relationship.Parent, Relationship.Sibling, Relationship.Child)]
    [InlineData(Relationship.Parent, Relationship.Spouse, Relationship.Other)]
    // A brother or sister takes over.
    [InlineData(Relationship.Sibling, Relationship.Parent, Relationship.Parent)]
    [InlineData(Relationship.Sibling, Relationship.Sibling, Relationship.Sibling)]
    [InlineData(Relationship.Sibling, Relationship.Child, Relationship.Other)]
    // Anyone else: nothing can be inferred.
    [InlineData(Relationship.Grandchild, Relationship.Child, Relationship.Other)]
    [InlineData(Relationship.Other, Relationship.Spouse, Relationship.Other)]
    [InlineData(Relationship.Other, Relationship.Other, Relationship.Other)]
    public void Each_member_is_re_mapped_to_the_new_head(Relationship newHeadWas, Relationship memberWas, Relationship expected) =>
        Assert.Equal(expected, HeadSuccession.Remap(newHeadWas, memberWas));

    [Fact]
    public void The_event_says_who_died_who_took_over_and_each_new_relationship()
    {
        var text = HeadSuccession.Describe("Lò Văn Một", "Lò Văn Hai", Relationship.Child,
            [("Quàng Thị Ba", Relationship.Spouse, Relationship.Parent), ("Lò Thị Bốn", Relationship.Child, Relationship.Sibling)]);
        Assert.Equal("Chủ hộ Lò Văn Một mất; Lò Văn Hai (con của chủ hộ cũ) làm chủ hộ. Quan hệ với chủ hộ mới: Quàng Thị Ba: Vợ/chồng → Bố/mẹ; Lò Thị Bốn: Con → Anh/chị/em.", text);
    }

    [Fact]
    public void A_sibling_is_read_and_written_like_the_other_relationships()
    {
        Assert.Equal(Relationship.Sibling, PersonRules.ParseRelationship("Anh chị em"));
        Assert.Equal(Relationship.Sibling, PersonRules.ParseRelationship("sibling"));
        Assert.Equal("sibling", PersonRules.Code(Relationship.Sibling));
        Assert.Equal("Anh/chị/em", PersonRules.Vietnamese(Relationship.Sibling));
    }
}
