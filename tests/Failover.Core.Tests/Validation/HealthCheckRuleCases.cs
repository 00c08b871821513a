using Failover.Core.Diagnostics;
using static Failover.Core.Tests.Validation.SpecDocument;

namespace Failover.Core.Tests.Validation;

/// <summary>Health check settings, on the defaults and on leaves, and what a check can reach.</summary>
internal static class HealthCheckRuleCases
{
    private const string UseA = "root.primary.children[0].children[0].endpoint.healthCheck";
    private const string UseAPath = "$.root.primary.children[0].children[0].endpoint.healthCheck";
    private const string Euw1 = "root.primary.children[1]";
    private const string Two = """["198.51.100.7", "198.51.100.8"]""";

    public static IEnumerable<RuleCase> All() =>
    [
        new("check type known (defaults)", () => Www().Set("healthCheckDefaults.type", "\"PING\""),
            "$.healthCheckDefaults.type", "not a health check type",
            () => Www().Set("healthCheckDefaults.type", "\"HTTP\"").Set("healthCheckDefaults.port", "80")),
        new("check type known (leaf)", () => Www().Set($"{UseA}.type", "\"PING\""), $"{UseAPath}.type", "not a health check type",
            () => Www().Set($"{UseA}.type", "\"HTTPS_STR_MATCH\"").Set($"{UseA}.searchString", "\"ok\"")),
        new("check type given", () => Www().Remove("healthCheckDefaults.type"), $"{UseAPath}.type", "has no type",
            () => Www().Remove("healthCheckDefaults.type").Set($"{UseA}.type", "\"HTTPS\"")
                .Set("root.primary.children[0].children[1].endpoint.healthCheck.type", "\"HTTPS\"")
                    .Set("root.primary.children[1].endpoint.healthCheck.type", "\"HTTPS\"")),
        new("port range", () => Www().Set($"{UseA}.port", "65536"), $"{UseAPath}.port", "out of range 1–65535",
            () => Www().Set($"{UseA}.port", "65535")),
        new("port range (zero)", () => Www().Set("healthCheckDefaults.port", "0"), "$.healthCheckDefaults.port", "out of range",
            () => Www().Set("healthCheckDefaults.port", "1")),
        new("path starts with a slash", () => Www().Set($"{UseA}.path", "\"health\""), $"{UseAPath}.path", "must start with '/'",
            () => Www().Set($"{UseA}.path", "\"/welcome.html?language=jp&login=y\"")),
        new("path length", () => Www().Set($"{UseA}.path", Json("/" + new string('p', 255))), $"{UseAPath}.path", "at most 255",
            () => Www().Set($"{UseA}.path", Json("/" + new string('p', 254)))),
        new("no path on TCP checks", () => Multivalue().Set("root.primary.children[0].endpoint.healthCheck.path", "\"/\""),
            "$.root.primary.children[0].endpoint.healthCheck.path", "requests no path",
            () => Multivalue()),
        new("fqdn syntax", () => Www().Set($"{UseA}.fqdn", "\"www example com\""), $"{UseAPath}.fqdn", "fqdn contains",
            () => Www().Set($"{UseA}.fqdn", "\"WWW.example.com.\"")),
        new("search string only for string matching", () => Www().Set($"{UseA}.searchString", "\"ok\""), $"{UseAPath}.searchString",
            "only by HTTP_STR_MATCH and HTTPS_STR_MATCH",
            () => Www().Set($"{UseA}.searchString", "\"ok\"").Set($"{UseA}.type", "\"HTTPS_STR_MATCH\"")),
        new("string matching needs a search string",
            () => Www().Set($"{UseA}.type", "\"HTTP_STR_MATCH\""), $"{UseAPath}.searchString", "needs a searchString",
            () => Www().Set($"{UseA}.type", "\"HTTP_STR_MATCH\"").Set($"{UseA}.searchString", Json(new string('s', 255)))),
        new("search string length",
            () =>
            Www().Set($"{UseA}.type", "\"HTTP_STR_MATCH\"")
            .Set($"{UseA}.searchString", Json(new string('s', 256))), $"{UseAPath}.searchString", "1–255 characters",
            () => Www().Set($"{UseA}.type", "\"HTTP_STR_MATCH\"").Set($"{UseA}.searchString", "\"s\"")),
        new("request interval 10 or 30", () => Www().Set("healthCheckDefaults.requestInterval", "20"),
            "$.healthCheckDefaults.requestInterval", "10 or 30",
            () => Www().Set("healthCheckDefaults.requestInterval", "10")),
        new("failure threshold range", () => Www().Set($"{UseA}.failureThreshold", "11"), $"{UseAPath}.failureThreshold",
            "between 1 and 10",
            () => Www().Set($"{UseA}.failureThreshold", "10")),
        new("failure threshold range (zero)", () => Www().Set($"{UseA}.failureThreshold", "0"), $"{UseAPath}.failureThreshold",
            "between 1 and 10",
            () => Www().Set($"{UseA}.failureThreshold", "1")),
        new("at least three regions", () => Www().Set($"{UseA}.regions", """["us-east-1", "eu-west-1"]"""), $"{UseAPath}.regions",
            "at least 3",
            () => Www().Set($"{UseA}.regions", """["us-east-1", "eu-west-1", "ap-southeast-1"]""")),
        new("health checker regions",
            () => Www().Set($"{UseA}.regions", """["us-east-1", "eu-west-1", "eu-central-1"]"""), $"{UseAPath}.regions[2]",
            "not a health checker region",
            () => Www().Set($"{UseA}.regions", """["us-east-1", "eu-west-1", "sa-east-1"]""")),
        new("health checker regions unique",
            () => Www().Set($"{UseA}.regions", """["us-east-1", "eu-west-1", "us-east-1"]"""), $"{UseAPath}.regions[2]", "listed twice",
            () => Www().Set($"{UseA}.regions", """["us-east-1", "eu-west-1", "us-west-1"]""")),
        new("SNI only for HTTPS",
            () => Www().Set($"{UseA}.type", "\"HTTP\"").Set($"{UseA}.enableSni", "true"), $"{UseAPath}.enableSni", "HTTPS checks only",
            () => Www().Set($"{UseA}.enableSni", "true")),
        new("TCP checks have a port", () => Multivalue().Remove("healthCheckDefaults.port"),
            "$.root.primary.children[0].endpoint.healthCheck.port", "needs a port",
            () => Multivalue().Remove("healthCheckDefaults.port").Set("root.primary.children[0].endpoint.healthCheck.port", "25")
                .Set("root.primary.children[1].endpoint.healthCheck.port", "25")
                    .Set("root.primary.children[2].endpoint.healthCheck.port", "25")),
        new("non-address records are checked by name",
            () => Plain("TXT", "\"a\"", "\"b\"").Set("root.children[0].endpoint.healthCheck", """{"type": "HTTPS"}"""),
            "$.root.children[0].endpoint.healthCheck.fqdn", "holds no address to check",
            () =>
                Plain("TXT", "\"a\"", "\"b\"")
                .Set("root.children[0].endpoint.healthCheck", """{"type": "HTTPS", "fqdn": "txt.example.com"}""")),
        new("a CNAME check targets the CNAME's name",
            () =>
            Cname().Remove("root.children[0].endpoint.healthCheck.fqdn")
            .Set("root.children[0].endpoint.values", """["a.cdn.example.net", "x.example.net"]"""),
            "$.root.children[0].endpoint.values", "exactly one value",
            () => Cname().Remove("root.children[0].endpoint.healthCheck.fqdn")),
        // API reference, HealthCheckConfig.IPAddress: without an IPAddress, Route 53 resolves FullyQualifiedDomainName.
        new("only target fqdn leaves the values unchecked",
            () => Www().Set($"{Euw1}.endpoint.values", """["10.0.0.7"]""").Set($"{Euw1}.endpoint.healthCheck.fqdn", "\"eu.example.com\""),
            "$.root.primary.children[1].endpoint.values[0]", "private",
            () => Www().Set($"{Euw1}.endpoint.values", """["10.0.0.7"]""")
                .Set($"{Euw1}.endpoint.healthCheck", """{"fqdn": "eu.example.com", "target": "fqdn"}""")),
        new("target is address or fqdn",
            () => Www().Set($"{Euw1}.endpoint.healthCheck.target", "\"ip\""),
            "$.root.primary.children[1].endpoint.healthCheck.target", "not a health check target",
            () => Www().Set($"{Euw1}.endpoint.healthCheck.target", "\"address\"")),
        new("target fqdn needs an fqdn",
            () => Www().Set($"{Euw1}.endpoint.healthCheck.target", "\"fqdn\""),
            "$.root.primary.children[1].endpoint.healthCheck.fqdn", "target \"fqdn\" resolves the fqdn",
            () => Www().Set($"{Euw1}.endpoint.healthCheck", """{"target": "fqdn", "fqdn": "eu.example.com"}""")),
        new("target address checks one value",
            () => Www().Set($"{Euw1}.endpoint.values", Two)
                .Set($"{Euw1}.endpoint.healthCheck", """{"target": "address", "fqdn": "eu.example.com"}"""),
            "$.root.primary.children[1].endpoint.healthCheck.target", "checks one address, and this endpoint has 2",
            () => Www().Set($"{Euw1}.endpoint.values", Two)
                .Set($"{Euw1}.endpoint.healthCheck", """{"target": "fqdn", "fqdn": "eu.example.com"}""")),
        // API reference, HealthCheckConfig.FullyQualifiedDomainName: resolving the record's own name is "unpredictable".
        new("an fqdn target is not the tree's own name",
            () => Www().Set($"{Euw1}.endpoint.healthCheck", """{"target": "fqdn", "fqdn": "www.example.com"}"""),
            "$.root.primary.children[1].endpoint.healthCheck.fqdn", "unpredictable",
            () => Www().Set($"{Euw1}.endpoint.healthCheck", """{"fqdn": "www.example.com"}"""), Severity.Warning),
        new("a check checks one address",
            () => Www().Set($"{Euw1}.endpoint.values", Two),
            "$.root.primary.children[1].endpoint.healthCheck.fqdn", "checks one address",
            () => Www().Set($"{Euw1}.endpoint.values", Two).Set($"{Euw1}.endpoint.healthCheck.fqdn", "\"eu.example.com\"")),
    ];
}
