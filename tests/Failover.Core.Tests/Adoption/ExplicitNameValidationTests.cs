using Failover.Core.Compilation;
using Failover.Core.Diagnostics;
using Failover.Core.Spec;

namespace Failover.Core.Tests.Adoption;

/// <summary>helperName and setIdentifier: what the compiler does with them and which the validator refuses.</summary>
[Trait("Category", "Unit")]
public class ExplicitNameValidationTests
{
    private static string Spec(string primaryExtra, string secondaryExtra = "", string rootExtra = "") => $$"""
        { "name": "w", "hostedZoneId": "Z0000000000000000000A", "zoneName": "example.com", "recordName": "www.example.com",
          "recordType": "A", "root": { "id": "root", "routing": "failover" {{rootExtra}},
            "primary": { "id": "pool", "routing": "weighted" {{primaryExtra}}, "children": [
              { "id": "a", "weight": 1, "endpoint": { "values": ["192.0.2.1"] } } ],
              "healthCheckId": "6f1c2a4e-8d2b-4c9a-9e33-0a1b2c3d4e5f" },
            "secondary": { "id": "b", "endpoint": { "values": ["192.0.2.2"] } {{secondaryExtra}} } } }
        """;

    private static List<string> Errors(string json) =>
        SpecLoader.Load(json).Diagnostics.Where(d => d.Severity == Severity.Error).Select(d => d.ToString()).ToList();

    [Fact]
    public void The_compiler_uses_the_explicit_helper_name_and_set_identifier()
    {
        var spec = SpecLoader.Load(Spec(", \"helperName\": \"Pool.Example.com.\", \"setIdentifier\": \"Primary Pool\"")).Spec!;
        var records = TreeCompiler.Compile(spec).Records.Select(r => r.RecordSet).ToList();
        var alias = records.Single(r => r.Name == "www.example.com" && r.Failover == "PRIMARY");
        Assert.Equal(("Primary Pool", "pool.example.com"), (alias.SetIdentifier, alias.AliasTarget!.DnsName));
        Assert.Contains(records, r => r.Name == "pool.example.com" && r.SetIdentifier == "a");
        Assert.Contains("\"helperName\": \"pool.example.com\"", SpecJsonWriter.Write(spec));
    }

    [Theory]
    [InlineData(", \"helperName\": \"pool.example.org\"", "", "", "$.root.primary.helperName: \"pool.example.org\" is not inside the zone")]
    [InlineData(", \"helperName\": \"po ol.example.com\"", "", "", "$.root.primary.helperName: the helper name contains")]
    [InlineData(", \"helperName\": \"www.example.com\"", "", "", "$.root.primary.helperName: \"www.example.com\" already holds")]
    [InlineData("", ", \"helperName\": \"b.example.com\"", "", "$.root.secondary.helperName: only nested rules")]
    [InlineData("", "", ", \"helperName\": \"r.example.com\"", "$.root.helperName: the root rule answers at recordName")]
    [InlineData(", \"setIdentifier\": \"b\"", "", "", "$.root.primary.setIdentifier: the set identifier \"b\" is also")]
    [InlineData("", "", ", \"setIdentifier\": \"x\"", "$.root.setIdentifier: the root rule has no record")]
    public void Explicit_names_follow_route53s_rules(string primary, string secondary, string root, string error)
    {
        Assert.Contains(Errors(Spec(primary, secondary, root)), e => e.StartsWith(error, StringComparison.Ordinal));
    }

    [Fact]
    public void A_set_identifier_longer_than_128_characters_is_refused()
    {
        Assert.Contains(Errors(Spec($", \"setIdentifier\": \"{new string('x', 129)}\"")),
            e => e.StartsWith("$.root.primary.setIdentifier: a set identifier has 1–128", StringComparison.Ordinal));
    }
}
