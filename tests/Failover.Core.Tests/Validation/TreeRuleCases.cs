using Failover.Core.Diagnostics;
using static Failover.Core.Tests.Validation.SpecDocument;

namespace Failover.Core.Tests.Validation;

/// <summary>Rules on the tree's own fields and its shape.</summary>
internal static class TreeRuleCases
{
    private const string UseA = "root.primary.children[0].children[0]";
    private const string UseB = "root.primary.children[0].children[1]";
    private const string Euw1 = "root.primary.children[1]";

    public static IEnumerable<RuleCase> All() =>
    [
        new("tree name syntax", () => Www().Set("name", "\"my tree!\""), "$.name", "tree name must be",
            () => Www().Set("name", "\"www_v2-1\"")),
        new("hosted zone id format", () => Www().Set("hostedZoneId", "\"/hostedzone/Z0000000000000000000A\""), "$.hostedZoneId",
            "leave out the \"/hostedzone/\" prefix",
            () => Www().Set("hostedZoneId", "\"Z1D633PJN98FT9\"")),
        // A regular expression's '$' also matches before a final newline: every syntax check must hold to the end.
        new("a trailing newline is no part of a tree name", () => Www().Set("name", "\"www\\n\""), "$.name", "tree name must be",
            () => Www()),
        new("a trailing newline is no part of a hosted zone id", () => Www().Set("hostedZoneId", "\"Z1D633PJN98FT9\\n\""),
            "$.hostedZoneId", "is not a hosted zone id",
            () => Www().Set("hostedZoneId", "\"Z1D633PJN98FT9\"")),
        new("zone name syntax", () => Www().Set("zoneName", "\"exa mple.com\""), "$.zoneName", "contains '\\u0020'",
            () => Www().Set("zoneName", "\"Example.COM.\"")),
        new("record name inside the zone", () => Www().Set("recordName", "\"www.example.org\""), "$.recordName", "is not inside the zone",
            () => Www().Set("recordName", "\"a.b.www.example.com\"")),
        new("record type can route", () => Www().Set("recordType", "\"NS\""), "$.recordType", "NS records cannot have a routing policy",
            () => SimpleFailover()),
        new("no CNAME at the apex", () => Cname().Set("recordName", "\"example.com\""), "$.recordType", "cannot be at the zone apex",
            () => Cname()),
        new("tree ttl range", () => Www().Set("ttl", "-1"), "$.ttl", "between 0 and 2147483647",
            () => Www().Set("ttl", "0")),
        new("wildcard without nested rules", () => Www().Set("recordName", "\"*.example.com\""), "$.recordName",
            "wildcard record name cannot have nested rules",
            () => SimpleFailover().Set("recordName", "\"*.example.com\"")),

        new("id present", () => Www().Set($"{Euw1}.id", "\"\""), "$.root.primary.children[1].id", "must not be empty",
            () => Www().Set($"{Euw1}.id", "\"eu-west-1a\"")),
        new("ids unique ignoring case", () => Www().Set($"{UseB}.id", "\"USE1-A\""), "$.root.primary.children[0].children[1].id",
            "already used at $.root.primary.children[0].children[0]",
            () => Www().Set($"{UseB}.id", "\"use1-c\"")),
        new("id is a DNS label", () => Www().Set($"{UseB}.id", "\"use1_b\""), "$.root.primary.children[0].children[1].id",
            "letters, digits and '-'",
            () => Www().Set($"{UseB}.id", "\"Use1-B2\"")),
        new("id length", () => Www().Set($"{UseB}.id", Json(new string('b', 63))), "$.root.primary.children[0].children[1].id",
            "at most 62",
            () => Www().Set($"{UseB}.id", Json(new string('b', 62)))),
        new("helper name length", () => Www().Set("recordName", Json(LongName(246))), "$.root.primary.id", "longer than 253 characters",
            () => Www().Set("recordName", Json(LongName(244)))),
        new("node kind present", () => Www().Remove($"{Euw1}.endpoint"), "$.root.primary.children[1]",
            "needs routing (a rule), endpoint or alias",
            () => Www()),
        new("node kind single",
            () => Www().Set($"{Euw1}.alias", """{"dnsName": "s3-website-us-east-1.amazonaws.com", "hostedZoneId": "Z3AQBSTGFYJSTF"}"""),
            "$.root.primary.children[1]", "not several: found endpoint and alias", () => Www()),
        new("failover has a primary", () => Www().Remove("root.primary"), "$.root.primary", "needs a primary", () => Www()),
        new("failover has a secondary", () => Www().Remove("root.secondary"), "$.root.secondary", "needs a secondary", () => Www()),
        new("failover has no children",
            () => Www().Set("root.children", """[{"id": "x", "endpoint": {"values": ["192.0.2.1"]}}]"""), "$.root.children", "not children",
            () => Www()),
        new("only failover has primary",
            () => Www().Set("root.primary.primary", """{"id": "x", "endpoint": {"values": ["192.0.2.1"]}}"""), "$.root.primary.primary",
            "only failover rules have a primary",
            () => Www()),
        new("rules have a child", () => Www().Set("root.primary.children[0].children", "[]"), "$.root.primary.children[0].children",
            "needs at least one child",
            () => Www().Remove(UseB)),
        new("at most 100 children", () => Www().Set("root.primary.children[0].children", Children(101)),
            "$.root.primary.children[0].children", "at most 100 weighted records",
            () => Www().Set("root.primary.children[0].children", Children(100))),
        // Developer Guide, Quotas: 200 active health checks per account by default (a quota that can be raised: a warning).
        new("more health checks than the default quota", () => TwoHundredChecks().Set("root.primary.children[2]",
                """{"id": "apse2", "region": "ap-southeast-2", "endpoint": {"values": ["192.0.2.200"], "healthCheck": {}}}"""),
            "$.root", "the tree creates 201 health checks", TwoHundredChecks, Severity.Warning),
        new("at most 30 geoproximity children", () => Geoproximity().Set("root.children", GeoproximityChildren(31)),
            "$.root.children", "at most 30 geoproximity records",
            () => Geoproximity().Set("root.children", GeoproximityChildren(30))),
        new("leaves have no children",
            () => Www().Set($"{Euw1}.children", """[{"id": "x", "endpoint": {"values": ["192.0.2.1"]}}]"""),
            "$.root.primary.children[1].children", "only rules have children",
            () => Www()),
        new("multivalue holds endpoints only",
            () =>
            Multivalue()
            .Set("root.primary.children[3]",
            """{"id": "lb", "alias": {"dnsName": "my-lb-1234.us-east-1.elb.amazonaws.com", "hostedZoneId": "Z35SXDOTRQ7X7K"}}"""),
            "$.root.primary.children[3]", "no multivalue alias records", () => Multivalue()),
        new("no multivalue CNAME",
            () => Cname().Set("root.routing", "\"multivalue\"").Remove("root.children[0].weight").Remove("root.children[1].weight"),
            "$.root.routing", "no multivalue CNAME", () => Cname()),
    ];

    /// <summary>A name in example.com of exactly <paramref name="length"/> characters.</summary>
    private static string LongName(int length)
    {
        var name = "example.com";
        while (name.Length + 64 <= length) name = new string('a', 63) + "." + name;
        return new string('b', length - name.Length - 1) + "." + name;
    }

    /// <summary>www.json with 200 health-checked endpoints: two weighted groups of 100.</summary>
    private static SpecDocument TwoHundredChecks() => Www().Set("root.primary.children[0].children", Children(100))
        .Set("root.primary.children[1]", $$"""{"id": "euw1", "region": "eu-west-1", "routing": "weighted", "children": {{Children(100)
            .Replace("\"id\": \"w", "\"id\": \"x", StringComparison.Ordinal)}}}""");

    /// <summary>Unchecked endpoints placed by coordinates, one a degree of latitude from the next.</summary>
    private static string GeoproximityChildren(int count) =>
        "[" + string.Join(",", Enumerable.Range(0, count).Select(i => $$$"""{"id": "g{{{i}}}", "geoproximity": {"coordinates": """ +
            $$$"""{"latitude": "{{{i}}}", "longitude": "8.68"}}, "endpoint": {"values": ["192.0.2.{{{i + 1}}}"]}}""")) + "]";

    private static string Children(int count) =>
        "["
            + string.Join(",",
            Enumerable.Range(0, count)
            .Select(i =>
            "{\"id\": \"w" + i + "\", \"weight\": 1, \"endpoint\": {\"values\": [\"192.0.2." + i + "\"], \"healthCheck\": {}}}")) + "]";
}
