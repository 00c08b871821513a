using Failover.Core.Compilation;
using Failover.Core.Diagnostics;
using Failover.Core.Import;
using Failover.Core.Spec;
using Failover.Core.Validation;
using static Failover.Core.Tests.Import.Policies;

namespace Failover.Core.Tests.Import;

[Trait("Category", "Unit")]
public class TrafficPolicyImporterTests
{
    // Route 53 health check ids are UUIDs (the validator refuses anything else).
    private const string CheckA = "0b6c2a4e-8d2b-4c9a-9e33-0a1b2c3d4e5a";
    private const string CheckB = "0b6c2a4e-8d2b-4c9a-9e33-0a1b2c3d4e5b";

    [Fact]
    public void A_start_endpoint_becomes_a_single_leaf()
    {
        var result = ImportPolicy(Document(TwoValues, "", "\"StartEndpoint\": \"a\""));

        Assert.Equal(("a", NodeKind.Endpoint, "$.root"), (result.Spec!.Root.Id, result.Spec.Root.Kind, result.Spec.Root.Path));
        Assert.Contains(result.Diagnostics, d => d.Path == "$.Endpoints.b" && d.Severity == Severity.Warning);
    }

    [Fact]
    public void Options_fill_the_tree_header_with_names_normalised()
    {
        var result =
            TrafficPolicyImporter.Import(Document(TwoValues, "", "\"StartEndpoint\": \"a\""),
            new("api", "Z123", "Example.COM.", "API.example.com."));

        Assert.Equal(("api", "Z123", "example.com", "api.example.com", "A"),
            (result.Spec!.Name, result.Spec.HostedZoneId, result.Spec.ZoneName, result.Spec.RecordName, result.Spec.RecordType));
    }

    [Fact]
    public void Failover_rule_maps_primary_and_secondary()
    {
        var result = ImportPolicy(Document(TwoValues, """
            "top": { "RuleType": "failover", "Primary": { "EndpointReference": "a", "HealthCheck": "0b6c2a4e-8d2b-4c9a-9e33-0a1b2c3d4e5a" },
            "Secondary": { "EndpointReference": "b" } }
            """));

        var root = result.Spec!.Root;
        Assert.Equal(RoutingPolicy.Failover, root.Routing);
        Assert.Equal(("a", CheckA, "$.root.primary"), (root.Primary!.Id, root.Primary.Endpoint!.HealthCheckId, root.Primary.Path));
        Assert.Equal(("b", null, "$.root.secondary"), (root.Secondary!.Id, root.Secondary.Endpoint!.HealthCheckId, root.Secondary.Path));
    }

    [Fact]
    public void Weighted_rule_accepts_weights_written_as_strings_or_numbers()
    {
        var result = ImportPolicy(Document(TwoValues, """
            "top": { "RuleType": "weighted", "Items": [ { "EndpointReference": "a", "Weight": "3" }, { "EndpointReference": "b",
            "Weight": 0 } ] }
            """));

        Assert.Equal([3L, 0L], result.Spec!.Root.Children.Select(c => c.Weight!.Value));
    }

    [Theory]
    [InlineData("\"Weight\": 256", "from 0 to 255")]
    [InlineData("\"Weight\": \"heavy\"", "from 0 to 255")]
    [InlineData("\"HealthCheck\": \"x\"", "Weight is required")]
    public void Weighted_items_need_a_weight_from_0_to_255(string field, string message)
    {
        var error = SingleError(ImportPolicy(Document(TwoValues, $$"""
            "top": { "RuleType": "weighted", "Items": [ { "EndpointReference": "a", "Weight": 1 }, { "EndpointReference": "b",
            {{field}} } ] }
            """)));

        Assert.Equal("$.Rules.top.Items[1].Weight", error.Path);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Latency_rule_maps_regions()
    {
        var result = ImportPolicy(Document(TwoValues, """
            "top": { "RuleType": "latency", "Regions": [ { "Region": "us-east-1", "EndpointReference": "a" }, { "Region": "eu-west-1",
            "EndpointReference": "b" } ] }
            """));

        Assert.Equal(RoutingPolicy.Latency, result.Spec!.Root.Routing);
        Assert.Equal(["us-east-1", "eu-west-1"], result.Spec.Root.Children.Select(c => c.Region));
    }

    [Fact]
    public void Geo_rule_maps_countries_subdivisions_continents_and_both_default_spellings()
    {
        var result = ImportPolicy(Document("""
            "a": { "Type": "value", "Value": "192.0.2.1" }, "b": { "Type": "value", "Value": "192.0.2.2" },
            "c": { "Type": "value", "Value": "192.0.2.3" }
            """, """
            "top": { "RuleType": "geo", "Locations": [
              { "EndpointReference": "a", "Country": "US", "Subdivision": "CA" },
              { "EndpointReference": "b", "Continent": "EU", "IsDefault": "false" },
              { "EndpointReference": "c", "Country": "*" } ] },
            "other": { "RuleType": "geo", "Locations": [ { "EndpointReference": "a", "IsDefault": true } ] }
            """));

        var locations = result.Spec!.Root.Children.Select(c => c.Location!).ToList();
        Assert.Equal(("US", "CA"), (locations[0].Country, locations[0].Subdivision));
        Assert.Equal("EU", locations[1].Continent);
        Assert.True(locations[2].IsDefault);
        Assert.Null(locations[2].Country);
    }

    [Fact]
    public void Geo_location_must_be_exactly_one_place()
    {
        var error = SingleError(ImportPolicy(Document(TwoValues, """
            "top": { "RuleType": "geo", "Locations": [ { "EndpointReference": "a", "Country": "DE", "Continent": "EU" },
            { "EndpointReference": "b", "IsDefault": true } ] }
            """)));

        Assert.Equal("$.Rules.top.Locations[0]", error.Path);
    }

    [Fact]
    public void Multivalue_rule_maps_value_endpoints_with_their_health_checks()
    {
        var result = ImportPolicy(Document(TwoValues, """
            "top": { "RuleType": "multivalue", "Items": [
              { "EndpointReference": "a", "HealthCheck": "0b6c2a4e-8d2b-4c9a-9e33-0a1b2c3d4e5a" },
              { "EndpointReference": "b", "HealthCheck": "0b6c2a4e-8d2b-4c9a-9e33-0a1b2c3d4e5b" } ] }
            """));

        Assert.Equal(RoutingPolicy.Multivalue, result.Spec!.Root.Routing);
        Assert.Equal([CheckA, CheckB], result.Spec.Root.Children.Select(c => c.Endpoint!.HealthCheckId));
    }

    [Fact]
    public void Multivalue_cannot_route_to_aliases_or_rules()
    {
        var result = ImportPolicy(Document("""
            "a": { "Type": "value", "Value": "192.0.2.1" },
            "cdn": { "Type": "cloudfront", "Value": "d1.cloudfront.net" }
            """, """
            "top": { "RuleType": "multivalue", "Items": [ { "EndpointReference": "a" }, { "EndpointReference": "cdn" },
            { "RuleReference": "inner" } ] },
            "inner": { "RuleType": "weighted", "Items": [ { "EndpointReference": "a", "Weight": 1 } ] }
            """));

        Assert.Null(result.Spec);
        Assert.Contains(result.Diagnostics, d => d.Path == "$.Rules.top.Items[1]" && d.Message.Contains("cannot be aliases"));
        Assert.Contains(result.Diagnostics, d => d.Path == "$.Rules.top.Items[2]" && d.Message.Contains("not to another rule"));
    }

    [Fact]
    public void A_rule_or_endpoint_referenced_twice_becomes_two_nodes_with_distinct_ids()
    {
        var result = ImportPolicy(Document("""
            "english": { "Type": "value", "Value": "192.0.2.1" }, "french": { "Type": "value", "Value": "192.0.2.2" }
            """, """
            "top": { "RuleType": "weighted", "Items": [ { "RuleReference": "geo_dest", "Weight": 1 }, { "RuleReference": "geo_dest",
            "Weight": 1 } ] },
            "geo_dest": { "RuleType": "geo", "Locations": [
              { "EndpointReference": "english", "Country": "*" },
              { "EndpointReference": "french", "Country": "FR" },
              { "EndpointReference": "french", "Country": "BE" } ] }
            """));

        var ids = result.Spec!.Root.DescendantsAndSelf().Select(n => n.Id).ToList();
        Assert.Equal(["top", "geo-dest", "english", "french", "french-2", "geo-dest-2", "english-2", "french-3", "french-4"], ids);
    }

    [Theory]
    [InlineData("My_Rule!", "my-rule")]
    [InlineData("--x--", "x")]
    [InlineData("___", "node")]
    public void Ids_become_dns_labels(string policyId, string nodeId)
    {
        var result = ImportPolicy(Document(TwoValues, $$"""
            "{{policyId}}": { "RuleType": "weighted", "Items": [ { "EndpointReference": "a", "Weight": 1 } ] }
            """, $"\"StartRule\": \"{policyId}\""));

        Assert.Equal(nodeId, result.Spec!.Root.Id);
    }

    [Fact]
    public void Dangling_references_are_errors_at_the_reference()
    {
        var result = ImportPolicy(Document(TwoValues, """
            "top": { "RuleType": "weighted", "Items": [ { "EndpointReference": "a", "Weight": 1 }, { "RuleReference": "missing",
            "Weight": 1 }, { "EndpointReference": "gone", "Weight": 1 } ] }
            """));

        Assert.Null(result.Spec);
        Assert.Contains(result.Diagnostics, d => d.Path == "$.Rules.top.Items[1].RuleReference" && d.Message.Contains("missing"));
        Assert.Contains(result.Diagnostics, d => d.Path == "$.Rules.top.Items[2].EndpointReference" && d.Message.Contains("gone"));
    }

    [Fact]
    public void A_missing_start_rule_is_an_error_at_start_rule()
    {
        var error = SingleError(ImportPolicy(Document(TwoValues, "", "\"StartRule\": \"nowhere\"")));

        Assert.Equal("$.StartRule", error.Path);
    }

    [Fact]
    public void Cycles_are_errors_naming_the_loop()
    {
        var error = SingleError(ImportPolicy(Document(TwoValues, """
            "top": { "RuleType": "failover", "Primary": { "RuleReference": "loop" }, "Secondary": { "EndpointReference": "b" } },
            "loop": { "RuleType": "weighted", "Items": [ { "RuleReference": "top", "Weight": 1 }, { "EndpointReference": "a",
            "Weight": 1 } ] }
            """)));

        Assert.Equal("$.Rules.loop.Items[0].RuleReference", error.Path);
        Assert.Contains("top → loop → top", error.Message);
    }

    [Fact]
    public void Unknown_rule_and_endpoint_types_are_errors_with_their_paths()
    {
        var result = ImportPolicy(Document("""
            "a": { "Type": "value", "Value": "192.0.2.1" }, "odd": { "Type": "lambda", "Value": "fn" }
            """, """
            "top": { "RuleType": "failover", "Primary": { "RuleReference": "rr" }, "Secondary": { "EndpointReference": "odd" } },
            "rr": { "RuleType": "round-robin", "Items": [ { "EndpointReference": "a" } ] }
            """));

        Assert.Null(result.Spec);
        Assert.Contains(result.Diagnostics, d => d.Path == "$.Rules.rr.RuleType" && d.Message.Contains("round-robin"));
        Assert.Contains(result.Diagnostics, d => d.Path == "$.Endpoints.odd.Type" && d.Message.Contains("lambda"));
    }

    [Theory]
    [InlineData("""{ "AWSPolicyFormatVersion": "2012-10-17", "RecordType": "A", "StartEndpoint": "a", "Endpoints": { "a": { "Type":""" +
        """ "value", "Value": "192.0.2.1" } } }""", "$.AWSPolicyFormatVersion")]
    [InlineData("""{ "AWSPolicyFormatVersion": "2015-10-01", "StartEndpoint": "a", "Endpoints": { "a": { "Type": "value", "Value":""" +
        """ "192.0.2.1" } } }""", "$.RecordType")]
    [InlineData("""{ "AWSPolicyFormatVersion": "2015-10-01", "RecordType": "A", "StartEndpoint": "a", "StartRule": "r", "Endpoints":""" +
        """ { "a": { "Type": "value", "Value": "192.0.2.1" } } }""", "$")]
    [InlineData("""{ "AWSPolicyFormatVersion": "2015-10-01", "RecordType": "A", "StartEndpoint": "a", "Endpoints": [] }""", "$.Endpoints")]
    [InlineData("""[1, 2]""", "$")]
    public void Document_level_mistakes_are_errors_with_their_paths(string json, string path)
    {
        var result = ImportPolicy(json);

        Assert.Null(result.Spec);
        Assert.Contains(result.Diagnostics, d => d.Severity == Severity.Error && d.Path == path);
    }

    [Fact]
    public void Malformed_json_is_an_error_with_line_and_column_not_an_exception()
    {
        var error = SingleError(ImportPolicy("{\n  \"RecordType\": \"A\",\n  \"Rules\": { oops }\n}"));

        Assert.Equal("$", error.Path);
        Assert.Equal(3, error.Line);
        Assert.NotNull(error.Column);
    }

    // Import and validate agree. A CloudFront alias as failover primary imports as a tree, which validation refuses
    // (Route 53 cannot evaluate a distribution's health: "Values specific for alias records", EvaluateTargetHealth,
    // Developer Guide); import says so on the reference, with the rule it breaks and the tree path, and gives no spec.
    [Fact]
    public void A_policy_whose_tree_validation_refuses_is_refused_at_import_on_the_reference()
    {
        var result = ImportPolicy(Document("""
            "cdn": { "Type": "cloudfront", "Value": "d111111abcdef8.cloudfront.net" },
            "b": { "Type": "value", "Value": "192.0.2.2" }
            """, """
            "top": { "RuleType": "failover", "Primary": { "EndpointReference": "cdn" }, "Secondary": { "EndpointReference": "b" } }
            """));

        Assert.Null(result.Spec);
        var error = Assert.Single(result.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal("$.Rules.top.Primary", error.Path);
        Assert.Contains("CloudFront", error.Message);
        Assert.Contains("$.root.primary", error.Message);
        Assert.Contains("built from $.Endpoints.cdn", error.Message);
    }

    [Fact]
    public void Unknown_fields_and_unreachable_rules_are_warnings()
    {
        var result = ImportPolicy(Document(TwoValues, """
            "top": { "RuleType": "failover", "Primary": { "EndpointReference": "a", "Bias": 5,
            "HealthCheck": "0b6c2a4e-8d2b-4c9a-9e33-0a1b2c3d4e5a" }, "Secondary": { "EndpointReference": "b" },
            "Colour": "red" },
            "spare": { "RuleType": "weighted", "Items": [ { "EndpointReference": "a", "Weight": 1 } ] }
            """));

        Assert.NotNull(result.Spec);
        Assert.All(result.Diagnostics, d => Assert.Equal(Severity.Warning, d.Severity));
        Assert.Equal(["$.Rules.spare", "$.Rules.top.Colour", "$.Rules.top.Primary.Bias"], result.Diagnostics.Select(d => d.Path).Order());
    }

    [Fact]
    public void A_health_check_on_a_rule_reference_is_kept_on_the_nested_rule()
    {
        var result = ImportPolicy(Document(TwoValues, """
            "top": { "RuleType": "failover", "Primary": { "RuleReference": "inner", "HealthCheck": "0b6c2a4e-8d2b-4c9a-9e33-0a1b2c3d4e5c" },
            "Secondary": { "EndpointReference": "b" } },
            "inner": { "RuleType": "weighted", "Items": [ { "EndpointReference": "a", "Weight": 1 } ] }
            """));

        Assert.NotNull(result.Spec);
        var inner = result.Spec.Root.Primary!;
        Assert.Equal((NodeKind.Rule, "0b6c2a4e-8d2b-4c9a-9e33-0a1b2c3d4e5c"), (inner.Kind, inner.HealthCheckId));
        Assert.DoesNotContain(result.Diagnostics, d => d.Path.StartsWith("$.Rules.top.Primary", StringComparison.Ordinal));
        var record = TreeCompiler.Compile(result.Spec).Records.Single(r => r.NodeId == inner.Id).RecordSet;
        Assert.Equal("0b6c2a4e-8d2b-4c9a-9e33-0a1b2c3d4e5c", record.HealthCheckId);
        Assert.NotNull(record.AliasTarget);
    }

    // A nested rule is an alias with Evaluate Target Health in a tree; false cannot be kept, so it is refused, not flipped.
    [Fact]
    public void A_rule_reference_that_turns_off_target_health_is_refused_not_turned_on()
    {
        var result = ImportPolicy(Document(TwoValues, """
            "top": { "RuleType": "failover", "Primary": { "RuleReference": "inner", "EvaluateTargetHealth": "false" },
            "Secondary": { "EndpointReference": "b" } },
            "inner": { "RuleType": "weighted", "Items": [ { "EndpointReference": "a", "Weight": 1 } ] }
            """));

        Assert.Null(result.Spec);
        var error = SingleError(result);
        Assert.Equal("$.Rules.top.Primary.EvaluateTargetHealth", error.Path);
        Assert.Contains("cannot express", error.Message);
    }

    [Fact]
    public void An_endpoint_reference_keeps_its_false()
    {
        var endpoints = """
            "a": { "Type": "value", "Value": "192.0.2.1" },
            "lb": { "Type": "application-load-balancer", "Value": "my-lb-1.us-east-1.elb.amazonaws.com" }
            """;
        var weighted = ImportPolicy(Document(endpoints, """
            "top": { "RuleType": "weighted", "Items": [ { "EndpointReference": "a", "Weight": 1 },
            { "EndpointReference": "lb", "Weight": 1, "EvaluateTargetHealth": "false" } ] }
            """));

        Assert.False(Assert.Single(weighted.Spec!.Root.Children, c => c.Alias is not null).Alias!.EvaluateTargetHealth);
    }

    [Fact]
    public void A_cloudfront_secondary_and_ukrainian_locations_import_and_validate()
    {
        var endpoints = """
            "a": { "Type": "value", "Value": "192.0.2.1" },
            "cdn": { "Type": "cloudfront", "Value": "d111111abcdef8.cloudfront.net" }
            """;
        var result = ImportPolicy(Document(endpoints, """
            "top": { "RuleType": "failover", "Primary": { "RuleReference": "geo" }, "Secondary": { "EndpointReference": "cdn" } },
            "geo": { "RuleType": "geo", "Locations": [
              { "EndpointReference": "a", "Country": "UA", "Subdivision": "30", "HealthCheck": "6f1c2a4e-8d2b-4c9a-9e33-0a1b2c3d4e5f" },
              { "EndpointReference": "a", "IsDefault": true } ] }
            """));

        Assert.NotNull(result.Spec);
        Assert.DoesNotContain(TreeValidator.Validate(result.Spec), d => d.Severity == Severity.Error);
    }

    [Fact]
    public void Too_deep_nesting_is_an_error_not_a_crash()
    {
        var rules = string.Join(",\n", Enumerable.Range(0, 30).Select(i =>
            $$"""{{(i == 0 ? "\"top\"" : $"\"r{i}\"")}}: { "RuleType": "weighted", "Items": [ { "RuleReference": "r{{i + 1}}",""" +
            $$""" "Weight": 1 } ] }""")
            .Append("""  "r30": { "RuleType": "weighted", "Items": [ { "EndpointReference": "a", "Weight": 1 } ] }"""));

        var result = ImportPolicy(Document(TwoValues, rules));

        Assert.Null(result.Spec);
        Assert.Contains(result.Diagnostics, d => d.Message.Contains("deeper than"));
    }

    [Fact]
    public void Shared_rules_multiplying_past_the_node_limit_are_an_error()
    {
        string Fan(string name, string next) => $$"""
            "{{name}}": { "RuleType": "weighted", "Items": [ {{string.Join(", ", Enumerable.Repeat($$"""{ "RuleReference": "{{next}}",""" +
                $$""" "Weight": 1 }""", 12))}} ] }
            """;
        var rules = string.Join(",\n", Fan("top", "l1"), Fan("l1", "l2"), Fan("l2", "l3"),
            """ "l3": { "RuleType": "weighted", "Items": [ { "EndpointReference": "a", "Weight": 1 }, { "EndpointReference": "b",""" +
            """ "Weight": 1 }, { "EndpointReference": "a", "Weight": 1 }, { "EndpointReference": "b", "Weight": 1 },""" +
            """ { "EndpointReference": "a", "Weight": 1 }, { "EndpointReference": "b", "Weight": 1 } ] }""");

        var result = ImportPolicy(Document(TwoValues, rules));

        Assert.Null(result.Spec);
        Assert.Contains(result.Diagnostics, d => d.Message.Contains("more than 10000 nodes"));
    }
}
