using Failover.Core.Diagnostics;
using static Failover.Core.Tests.Validation.SpecDocument;

namespace Failover.Core.Tests.Validation;

/// <summary>Rules on a tree's attachments: the places besides the top-level one it answers for.</summary>
internal static class AttachmentRuleCases
{
    private const string OtherZone = "Z0000000000000000000B";

    public static string Attachment(string zoneId, string? zoneName, string recordName) =>
        zoneName is null
            ? $$"""{ "hostedZoneId": {{Json(zoneId)}}, "recordName": {{Json(recordName)}} }"""
            : $$"""{ "hostedZoneId": {{Json(zoneId)}}, "zoneName": {{Json(zoneName)}}, "recordName": {{Json(recordName)}} }""";

    public static string Attachments(params string[] attachments) => $"[{string.Join(", ", attachments)}]";

    private static SpecDocument WwwWith(params string[] attachments) => Www().Set("attachments", Attachments(attachments));

    private const string UseB = "root.primary.children[0].children[1]";
    private const string AliasInZone =
        """{ "id": "use1-b", "weight": 50, "alias": { "dnsName": "old.example.com", "hostedZoneId": "Z0000000000000000000A" } }""";

    private static readonly string Org = Attachment(OtherZone, "example.org", "www.example.org");

    public static IEnumerable<RuleCase> All() =>
    [
        new("attachment zone id format",
            () => WwwWith(Attachment("/hostedzone/" + OtherZone, "example.org", "www.example.org")),
            "$.attachments[0].hostedZoneId", "leave out the \"/hostedzone/\" prefix", () => WwwWith(Org)),
        new("attachment record name inside its zone",
            () => WwwWith(Attachment(OtherZone, "example.org", "www.example.net")),
            "$.attachments[0].recordName", "is not inside the zone \"example.org\"", () => WwwWith(Org)),
        new("attachment record name syntax",
            () => WwwWith(Attachment(OtherZone, "example.org", "w w.example.org")),
            "$.attachments[0].recordName", "the record name", () => WwwWith(Org)),
        new("attachment zone name known",
            () => WwwWith(Attachment(OtherZone, null, "www.example.org")),
            "$.attachments[0].zoneName", "zoneName is required",
            // The top level names the zone, so another name in it needs no zoneName.
            () => WwwWith(Attachment("Z0000000000000000000A", null, "api.example.com"), Org,
                Attachment(OtherZone, null, "shop.example.org"))),
        new("one zone has one name",
            () => WwwWith(Attachment("Z0000000000000000000A", "example.org", "www.example.org")),
            "$.attachments[0].zoneName", "one hosted zone has one name", () => WwwWith(Org)),
        new("the top-level attachment is not listed again",
            () => WwwWith(Attachment("Z0000000000000000000A", "example.com", "WWW.example.com.")),
            "$.attachments[0]", "the top-level fields are the first attachment", () => WwwWith(Org)),
        new("attachments are unique",
            () => WwwWith(Org, Attachment(OtherZone, null, "www.example.org")),
            "$.attachments[1]", "already attached by $.attachments[0]", () => WwwWith(Org, Attachment(OtherZone, null, "example.org"))),
        // The same name at the top level and once more in another zone is fine; twice under attachments is refused (node
        // progress is kept per listed record name).
        new("a listed name is listed once",
            () => WwwWith(Attachment("Z0000000000000000000C", "example.com", "www.example.com"),
                Attachment("Z0000000000000000000D", "example.com", "www.example.com")),
            "$.attachments[1]", "is already listed at $.attachments[0]",
            () => WwwWith(Attachment("Z0000000000000000000C", "example.com", "www.example.com"))),
        new("no CNAME at an attachment's apex",
            () => Cname().Set("attachments", Attachments(Attachment(OtherZone, "example.org", "example.org"))),
            "$.attachments[0].recordName", "cannot be at the zone apex",
            () => Cname().Set("attachments", Attachments(Attachment(OtherZone, "example.org", "assets.example.org")))),
        new("wildcard attachment without nested rules",
            () => WwwWith(Attachment(OtherZone, "example.org", "*.example.org")),
            "$.attachments[0].recordName", "wildcard record name cannot have nested rules",
            () => SimpleFailover().Set("attachments", Attachments(Attachment(OtherZone, "example.org", "*.example.org")))),
        new("helper names are derived with attachments",
            () => WwwWith(Org).Set("root.primary.helperName", "\"_regions.www.example.com\""),
            "$.root.primary.helperName", "derives every helper name",
            () => Www().Set("root.primary.helperName", "\"_regions.www.example.com\"")),
        new("a helper name is not another attachment's name",
            () => WwwWith(Attachment("Z0000000000000000000A", null, "_regions.www.example.com")),
            "$.attachments[0].recordName", "a name another attachment already uses", () => WwwWith(Org)),
        new("an alias to a zone's record serves that zone only",
            () => WwwWith(Org).Set(UseB, AliasInZone),
            "$.root.primary.children[0].children[1].alias.hostedZoneId", "works only in that zone",
            () => WwwWith(Attachment("Z0000000000000000000A", null, "api.example.com")).Set(UseB, AliasInZone)),
        new("a check by an attachment's name is unpredictable",
            () => Cname().Set("attachments", Attachments(Attachment(OtherZone, "example.net", "a.cdn.example.net"))),
            "$.root.children[0].endpoint.healthCheck.fqdn", "at a.cdn.example.net in " + OtherZone,
            () => Cname().Set("attachments", Attachments(Attachment(OtherZone, "example.net", "c.cdn.example.net"))),
            Severity.Warning),
    ];
}
