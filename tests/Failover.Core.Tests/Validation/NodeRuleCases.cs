using Failover.Core.Diagnostics;
using static Failover.Core.Tests.Validation.SpecDocument;

namespace Failover.Core.Tests.Validation;

/// <summary>Rules on what a child carries for its parent, on endpoints and aliases, and the risk warnings.</summary>
internal static class NodeRuleCases
{
    private const string UseA = "root.primary.children[0].children[0]";
    private const string UseB = "root.primary.children[0].children[1]";
    private const string Euw1 = "root.primary.children[1]";
    private const string Japan = "root.children[2]";
    private const string Spare = "root.primary.children[0].children[2]";
    private const string CloudFront =
        """{"id": "cdn", "weight": 0, "alias": {"dnsName": "d111111abcdef8.cloudfront.net", "hostedZoneId": "Z2FDTNDATAQYW2",""" +
        """ "evaluateTargetHealth": true}}""";

    public static IEnumerable<RuleCase> All() =>
    [
        new("weighted child has a weight", () => Www().Remove($"{UseA}.weight"), "$.root.primary.children[0].children[0].weight",
            "needs a weight",
            () => Www().Set($"{UseA}.weight", "0")),
        new("weight range", () => Www().Set($"{UseA}.weight", "256"), "$.root.primary.children[0].children[0].weight", "out of range",
            () => Www().Set($"{UseA}.weight", "255")),
        new("weight only under weighted", () => Www().Set($"{Euw1}.weight", "5"), "$.root.primary.children[1].weight",
            "the parent rule is latency",
            () => Www()),
        new("no weight on the root", () => Www().Set("root.weight", "5"), "$.root.weight", "no effect on the root", () => Www()),
        new("latency child has a region", () => Www().Remove($"{Euw1}.region"), "$.root.primary.children[1].region", "needs a region",
            () => Www().Set($"{Euw1}.region", "\"eu-central-2\"")),
        new("latency region exists", () => Www().Set($"{Euw1}.region", "\"eu-west-9\""), "$.root.primary.children[1].region",
            "not a region Route 53 routes latency to",
            () => Www().Set($"{Euw1}.region", "\"il-central-1\"")),
        new("latency regions unique", () => Www().Set($"{Euw1}.region", "\"us-east-1\""), "$.root.primary.children[1].region",
            "already used by $.root.primary.children[0]",
            () => Www()),
        new("region only under latency", () => Www().Set($"{UseA}.region", "\"us-east-1\""),
            "$.root.primary.children[0].children[0].region", "the parent rule is weighted",
            () => Www()),
        new("geolocation child has a location", () => Geo().Remove($"{Japan}.location"), "$.root.children[2].location", "needs a location",
            () => Geo().Set($"{Japan}.location", """{"country": "KR"}""")),
        new("location has one kind", () => Geo().Set($"{Japan}.location", """{"continent": "AS", "country": "JP"}"""),
            "$.root.children[2].location", "only one of them",
            () => Geo().Set($"{Japan}.location", """{"continent": "AS"}""")),
        new("location is not empty", () => Geo().Set($"{Japan}.location", """{"default": false}"""), "$.root.children[2].location",
            "needs one of continent, country or default",
            () => Geo()),
        new("continent code", () => Geo().Set($"{Japan}.location", """{"continent": "XX"}"""),
            "$.root.children[2].location.continent", "not a continent code",
            () => Geo().Set($"{Japan}.location", """{"continent": "AN"}""")),
        new("country code", () => Geo().Set($"{Japan}.location", """{"country": "jp"}"""), "$.root.children[2].location.country",
            "ISO 3166-1 alpha-2",
            () => Geo().Set($"{Japan}.location", """{"country": "UA"}""")),
        // The codes are those Route 53's ListGeoLocations lists (Geography/GeoLocationCatalog.cs).
        new("subdivisions only where ListGeoLocations lists them",
            () => Geo().Set($"{Japan}.location", """{"country": "CA", "subdivision": "ON"}"""), "$.root.children[2].location.subdivision",
            "lists subdivisions only for US and UA",
            () => Geo().Set($"{Japan}.location", """{"country": "US", "subdivision": "NY"}""")),
        new("US subdivision code", () => Geo().Set($"{Japan}.location", """{"country": "US", "subdivision": "ZZ"}"""),
            "$.root.children[2].location.subdivision", "not a US state",
            () => Geo().Set($"{Japan}.location", """{"country": "US", "subdivision": "DC"}""")),
        new("US possessions are countries in ListGeoLocations",
            () => Geo().Set($"{Japan}.location", """{"country": "US", "subdivision": "PR"}"""), "$.root.children[2].location.subdivision",
            "lists PR as a country",
            () => Geo().Set($"{Japan}.location", """{"country": "PR"}""")),
        new("the United Kingdom is GB", () => Geo().Set($"{Japan}.location", """{"country": "UK"}"""),
            "$.root.children[2].location.country", "the United Kingdom is GB",
            () => Geo().Set($"{Japan}.location", """{"country": "GB"}""")),
        new("country listed by ListGeoLocations", () => Geo().Set($"{Japan}.location", """{"country": "XX"}"""),
            "$.root.children[2].location.country", "not a country code Route 53 lists",
            () => Geo().Set($"{Japan}.location", """{"country": "XK"}""")),
        new("Ukrainian subdivisions as ListGeoLocations lists them",
            () => Geo().Set($"{Japan}.location", """{"country": "UA", "subdivision": "99"}"""), "$.root.children[2].location.subdivision",
            "not a subdivision of UA",
            () => Geo().Set($"{Japan}.location", """{"country": "UA", "subdivision": "30"}""")),
        new("geolocations unique", () => Geo().Set($"{Japan}.location", """{"continent": "EU"}"""), "$.root.children[2].location",
            "already used by $.root.children[0]",
            () => Geo().Set($"{Japan}.location", """{"country": "DE"}""")),
        new("location only under geolocation", () => Www().Set($"{UseA}.location", """{"country": "DE"}"""),
            "$.root.primary.children[0].children[0].location", "the parent rule is weighted",
            () => Www()),

        new("endpoint has values", () => Www().Set($"{Euw1}.endpoint.values", "[]"), "$.root.primary.children[1].endpoint.values",
            "at least one value",
            () => Www().Set($"{Euw1}.endpoint.values", """["203.0.113.250"]""")),
        new("at most 400 values in a record", () => Www().Set($"{Euw1}.endpoint", Unchecked(401)),
            "$.root.primary.children[1].endpoint.values",
            "at most 400 values", () => Www().Set($"{Euw1}.endpoint", Unchecked(400))),
        // Each family is a record of its own: 300 IPv4 and 300 IPv6 values are two records of 300.
        new("a dual-stack endpoint's records hold at most 400 values each",
            () => DualStack().Set("root.secondary.endpoint", DualStackUnchecked(401, 1)), "$.root.secondary.endpoint.values",
            "at most 400 values (found 401 of one address family)",
            () => DualStack().Set("root.secondary.endpoint", DualStackUnchecked(300, 300))),
        new("a trailing newline is no part of an IPv4 address",
            () => Www().Set($"{Euw1}.endpoint.values", """["198.51.100.7\n"]"""), "$.root.primary.children[1].endpoint.values[0]",
            "not an IPv4 address", () => Www()),
        new("a trailing newline is no part of a node id", () => Www().Set($"{UseA}.id", "\"use1-a\\n\""),
            "$.root.primary.children[0].children[0].id", "must be letters, digits",
            () => Www()),
        new("A values are IPv4", () => Www().Set($"{Euw1}.endpoint.values", """["198.51.100.256"]"""),
            "$.root.primary.children[1].endpoint.values[0]", "not an IPv4 address",
            () => Www().Set($"{Euw1}.endpoint.values", """["198.51.100.255"]""")),
        new("AAAA values are IPv6", () => SimpleFailover().Set("root.secondary.endpoint.values", """["192.0.2.20"]"""),
            "$.root.secondary.endpoint.values[0]", "not an IPv6 address",
            () => SimpleFailover().Set("root.secondary.endpoint.values", """["2001:db8:0:0:0:0:0:21"]""")),
        new("CNAME has one value",
            () => Cname().Set("root.children[1].endpoint.values", """["b.cdn.example.net", "c.cdn.example.net"]"""),
            "$.root.children[1].endpoint.values", "exactly one value",
            () => Cname().Set("root.children[1].endpoint.values", """["C.cdn.example.net."]""")),
        new("CNAME value is a name", () => Cname().Set("root.children[1].endpoint.values", """["not a name"]"""),
            "$.root.children[1].endpoint.values[0]", "is a domain name",
            () => Cname()),
        new("MX value shape", () => Plain("MX", "10 mail.example.com", "mail2.example.com"),
            "$.root.children[1].endpoint.values[0]", "not an MX value",
            () => Plain("MX", "10 mail.example.com", "20 mail2.example.com")),
        // Developer Guide, "Supported DNS record types", TXT: each character-string holds at most 255 characters (CharacterStringTooLong).
        new("TXT strings at most 255 characters", () => Plain("TXT", "\"" + new string('a', 256) + "\"", "\"v=spf1 -all\""),
            "$.root.children[0].endpoint.values[0]", "CharacterStringTooLong",
            () => Plain("TXT", "\"" + new string('a', 255) + "\" \"" + new string('b', 200) + "\"", "\"v=spf1 -all\"")),
        new("SPF strings at most 255 characters, escapes counted once",
            () => Plain("SPF", "\"" + string.Concat(Enumerable.Repeat("\\\"", 256)) + "\"", "\"v=spf1 -all\""),
            "$.root.children[0].endpoint.values[0]", "has 256 characters",
            () => Plain("SPF", "\"" + string.Concat(Enumerable.Repeat("\\\"", 255)) + "\"", "\"v=spf1 -all\"")),
        new("TXT values quoted", () => Plain("TXT", "\"v=spf1 -all\"", "site-verification=abc"),
            "$.root.children[1].endpoint.values[0]", "quoted strings",
            () => Plain("TXT", "\"v=spf1 -all\"", "\"site-verification=abc\"")),
        new("no duplicate values",
            () => SimpleFailover().Set("root.secondary.endpoint.values", """["2001:db8::20", "2001:DB8::20"]"""),
            "$.root.secondary.endpoint.values[1]", "listed twice",
            () => SimpleFailover().Set("root.secondary.endpoint.values", """["2001:db8::20", "2001:db8::21"]""")),
        new("endpoint ttl range", () => Www().Set($"{Euw1}.endpoint.ttl", "-5"), "$.root.primary.children[1].endpoint.ttl", "between 0 and",
            () => Www().Set($"{Euw1}.endpoint.ttl", "2147483647")),
        new("one TTL per weighted group", () => Www().Set($"{UseB}.endpoint.ttl", "300"),
            "$.root.primary.children[0].children[1].endpoint.ttl", "one TTL for all records of a weighted group",
            () => Www().Set($"{UseA}.endpoint.ttl", "300").Set($"{UseB}.endpoint.ttl", "300")),
        new("one TTL per multivalue group", () => Multivalue().Set("root.primary.children[3].endpoint.ttl", "300"),
            "$.root.primary.children[3].endpoint.ttl", "one TTL for all records of a multivalue group",
            () => Multivalue().Set("root.primary.children[3].endpoint.ttl", "30")),
        new("health check or health check id",
            () => Www().Set($"{Euw1}.endpoint.healthCheckId", "\"6f1c2a4e-8d2b-4c9a-9e33-0a1b2c3d4e5f\""),
            "$.root.primary.children[1].endpoint.healthCheckId", "not both",
            () =>
                Www().Remove($"{Euw1}.endpoint.healthCheck")
                .Set($"{Euw1}.endpoint.healthCheckId", "\"6f1c2a4e-8d2b-4c9a-9e33-0a1b2c3d4e5f\"")),
        new("health check id format",
            () => Www().Remove($"{Euw1}.endpoint.healthCheck").Set($"{Euw1}.endpoint.healthCheckId", "\"hc-1234\""),
            "$.root.primary.children[1].endpoint.healthCheckId", "not a Route 53 health check id",
            () =>
                Www().Remove($"{Euw1}.endpoint.healthCheck")
                .Set($"{Euw1}.endpoint.healthCheckId", "\"ABCDEF12-3456-7890-abcd-ef1234567890\"")),
        new("failover primary endpoint is health-checked", () => SimpleFailover().Remove("root.primary.endpoint.healthCheck"),
            "$.root.primary.endpoint.healthCheck", "failover primary endpoint needs a health check",
            () =>
                SimpleFailover().Remove("root.primary.endpoint.healthCheck")
                .Set("root.primary.endpoint.healthCheckId", "\"6f1c2a4e-8d2b-4c9a-9e33-0a1b2c3d4e5f\"")),

        new("alias dns name syntax", () => Www().Set("root.secondary.alias.dnsName", "\"s3 website.amazonaws.com\""),
            "$.root.secondary.alias.dnsName", "dnsName contains",
            () => Www().Set("root.secondary.alias.dnsName", "\"S3-Website-US-East-1.amazonaws.com.\"")),
        new("alias hosted zone id", () => Www().Set("root.secondary.alias.hostedZoneId", "\"z3aqbstgfyjstf\""),
            "$.root.secondary.alias.hostedZoneId", "not a hosted zone id",
            () => Www()),
        new("no health evaluation on CloudFront", () => Www().Set("root.primary.children[0].children[2]", CloudFront),
            "$.root.primary.children[0].children[2].alias.evaluateTargetHealth", "cannot evaluate the health of a CloudFront",
            () =>
                Www()
                .Set("root.primary.children[0].children[2]",
                CloudFront.Replace("\"evaluateTargetHealth\": true", "\"evaluateTargetHealth\": false"))),
        // API reference, AliasTarget.DNSName: "you can't specify a CloudFront distribution for both the primary and secondary records".
        new("CloudFront may be the failover secondary, not the primary", () => SimpleFailover().Set("root.primary", CloudFrontLeaf("main")),
            "$.root.primary.alias", "cannot be a failover primary",
            () => SimpleFailover().Set("root.secondary", CloudFrontLeaf("standby"))),
        // AWS General Reference, "Elastic Load Balancing endpoints and quotas": the zone id belongs to the load balancer's region.
        new("ALB alias zone matches the region in its name",
            () => Www().Set(Spare, LoadBalancer("my-lb-1234.us-east-1.elb.amazonaws.com", "Z215JYRZR1TBD5")),
            "$.root.primary.children[0].children[2].alias.hostedZoneId",
                "in us-east-1 has the hosted zone Z35SXDOTRQ7X7K (Z215JYRZR1TBD5 is the zone of Application/Classic Load Balancers in " +
                "eu-central-1)",
            () => Www().Set(Spare, LoadBalancer("my-lb-1234.us-east-1.elb.amazonaws.com", "Z35SXDOTRQ7X7K"))),
        new("NLB alias zone is the NLB column, not the ALB one",
            () => Www().Set(Spare, LoadBalancer("net-lb-74f8.elb.ap-southeast-7.amazonaws.com", "Z0390008CMBRTHFGWBCB")),
            "$.root.primary.children[0].children[2].alias.hostedZoneId",
                "Network Load Balancer in ap-southeast-7 has the hosted zone Z054363131YWATEMWRG5L",
            () => Www().Set(Spare, LoadBalancer("net-lb-74f8.elb.ap-southeast-7.amazonaws.com", "Z054363131YWATEMWRG5L"))),
        new("ELB zones of the newer and the China regions are known",
            () => Www().Set(Spare, LoadBalancer("lb-1.mx-central-1.elb.amazonaws.com", "Z35SXDOTRQ7X7K")),
            "$.root.primary.children[0].children[2].alias.hostedZoneId", "in mx-central-1 has the hosted zone Z023552324OKD1BB28BH5",
            () => Www().Set(Spare, LoadBalancer("lb-1.cn-northwest-1.elb.amazonaws.com.cn", "ZM7IZAIOVVDZF"))),
        // AWS General Reference, "Amazon S3 endpoints and quotas", website endpoints.
        new("S3 website alias zone matches its region",
            () =>
            Www()
            .Set("root.secondary.alias", """{"dnsName": "s3-website.ap-southeast-5.amazonaws.com", "hostedZoneId": "Z3AQBSTGFYJSTF"}"""),
            "$.root.secondary.alias.hostedZoneId", "S3 website endpoint in ap-southeast-5 has the hosted zone Z08660063OXLMA7F1FJHU",
            () =>
                Www()
                .Set("root.secondary.alias",
                """{"dnsName": "s3-website.ap-southeast-5.amazonaws.com", "hostedZoneId": "Z08660063OXLMA7F1FJHU"}""")),
        // API reference, AliasTarget.HostedZoneId: "CloudFront distribution — Specify Z2FDTNDATAQYW2".
        new("CloudFront alias zone is Z2FDTNDATAQYW2",
            () => SimpleFailover().Set("root.secondary", CloudFrontLeaf("standby").Replace("Z2FDTNDATAQYW2", "Z35SXDOTRQ7X7K")),
            "$.root.secondary.alias.hostedZoneId", "names the hosted zone Z2FDTNDATAQYW2",
            () => SimpleFailover().Set("root.secondary", CloudFrontLeaf("standby"))),
        new("failover aliases evaluate target health", () => Www().Set("root.secondary.alias.evaluateTargetHealth", "false"),
            "$.root.secondary.alias.evaluateTargetHealth", "requires Evaluate Target Health on failover alias records",
            () => Www().Set("root.secondary.alias.evaluateTargetHealth", "true")),
        new("alias target has the tree's type",
            () =>
            SimpleFailover()
            .Set("root.secondary",
            """{"id": "sorry", "alias": {"dnsName": "s3-website-us-east-1.amazonaws.com", "hostedZoneId": "Z3AQBSTGFYJSTF"}}"""),
            "$.root.secondary.alias.dnsName", "an alias to S3 website can only be A", () => SimpleFailover().Set("root.secondary", """
                {"id": "standby", "routing": "weighted", "children": [
                  {"id": "lb", "weight": 1, "alias": {"dnsName": "dualstack.my-lb-1234.us-east-1.elb.amazonaws.com",
                  "hostedZoneId": "Z35SXDOTRQ7X7K"}},
                  {"id": "static", "weight": 0, "endpoint": {"values": ["2001:db8::20"]}}]}
                """)),
        new("alias in the zone stays in the zone",
            () => Www().Set("root.secondary.alias", """{"dnsName": "static.example.org", "hostedZoneId": "Z0000000000000000000A"}"""),
            "$.root.secondary.alias.dnsName", "outside it",
            () =>
                Www().Set("root.secondary.alias", """{"dnsName": "static.example.com", "hostedZoneId": "Z0000000000000000000A"}""")
                .Remove($"{Euw1}.endpoint.healthCheck")),
        new("alias not to itself",
            () => Www().Set("root.secondary.alias", """{"dnsName": "WWW.example.com", "hostedZoneId": "Z0000000000000000000A"}"""),
            "$.root.secondary.alias.dnsName", "answer with itself",
            () =>
                Www().Set("root.secondary.alias", """{"dnsName": "www2.example.com", "hostedZoneId": "Z0000000000000000000A"}""")
                .Remove($"{Euw1}.endpoint.healthCheck")),
        new("alias not to a helper name",
            () => Www().Set("root.secondary.alias", """{"dnsName": "_use1.www.example.com", "hostedZoneId": "Z0000000000000000000A"}"""),
            "$.root.secondary.alias.dnsName", "helper name this tree manages",
            () =>
                Www().Set("root.secondary.alias", """{"dnsName": "_dmarc.example.com", "hostedZoneId": "Z0000000000000000000A"}""")
                .Remove($"{Euw1}.endpoint.healthCheck")),

        new("geolocation has a default", () => Geo().Remove("root.children[3]"), "$.root.children", "no child has the default location",
            () => Geo(), Severity.Warning),
        new("a last-resort answer exists",
            () => Www().Set("root.secondary", """{"id": "dr", "endpoint": {"values": ["203.0.113.9"], "healthCheck": {}}}"""), "$.root",
            "every leaf is health-checked",
            () => Www().Set("root.secondary", """{"id": "dr", "endpoint": {"values": ["203.0.113.9"]}}"""), Severity.Warning),
        new("weights are not all zero", () => Www().Set($"{UseA}.weight", "0").Set($"{UseB}.weight", "0"),
            "$.root.primary.children[0].children", "every weight is 0",
            () => Www().Set($"{UseA}.weight", "0"), Severity.Warning),
    ];

    private static string CloudFrontLeaf(string id) =>
        $$$"""{"id": "{{{id}}}", "alias": {"dnsName": "d111111abcdef8.cloudfront.net", "hostedZoneId": "Z2FDTNDATAQYW2",""" +
        $$$""" "evaluateTargetHealth": false}}""";

    private static string LoadBalancer(string dnsName, string zoneId) =>
        $$$"""{"id": "lb", "weight": 0, "alias": {"dnsName": "{{{dnsName}}}", "hostedZoneId": "{{{zoneId}}}"}}""";

    /// <summary>A dual-stack endpoint without a health check: <paramref name="v4"/> IPv4 and <paramref name="v6"/> IPv6 documentation
    /// addresses.</summary>
    private static string DualStackUnchecked(int v4, int v6) =>
        "{\"values\": [" + string.Join(",", Addresses(v4).Concat(Enumerable.Range(1, v6).Select(i => $"2001:db8:1::{i:x}"))
            .Select(a => $"\"{a}\"")) + "]}";

    private static IEnumerable<string> Addresses(int count) =>
        Enumerable.Range(0, count).Select(i => $"{new[] { "192.0.2", "198.51.100", "203.0.113" }[i / 254]}.{i % 254 + 1}");

    /// <summary>An endpoint without a health check (which checks one address) of <paramref name="count"/> (up to 762) documentation
    /// addresses.</summary>
    private static string Unchecked(int count) => "{\"values\": [" + string.Join(",", Addresses(count).Select(a => $"\"{a}\"")) + "]}";
}
