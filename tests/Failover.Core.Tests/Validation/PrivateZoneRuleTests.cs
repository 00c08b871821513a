using Failover.Core.Diagnostics;
using Failover.Core.Spec;
using Failover.Core.Validation;

namespace Failover.Core.Tests.Validation;

/// <summary>
/// The rules of a private hosted zone: checked only when the zone's kind is known to be private (the plan and the apply
/// read it from Route 53), each one beside the Developer Guide or API reference text it enforces.
/// </summary>
[Trait("Category", "Unit")]
public class PrivateZoneRuleTests
{
    private const string Zone = "Z0000000000000000000A";
    private static readonly ZonePrivacy Private = ZonePrivacy.Of([Zone]);
    private static readonly ZonePrivacy OtherZonePrivate = ZonePrivacy.Of(["/hostedzone/Z0000000000000000000B"]);

    private static TreeSpec Load(SpecDocument document)
    {
        var loaded = SpecLoader.Load(document.Text);
        Assert.False(loaded.HasErrors, string.Join("; ", loaded.Diagnostics));
        return loaded.Spec!;
    }

    [Fact]
    public void A_tree_meant_for_a_private_zone_passes_there()
    {
        // Private addresses checked through CloudWatch alarms, under failover and weighted rules.
        var spec = Load(SpecDocument.CanaryAlarm());

        Assert.Empty(TreeValidator.ValidateInZones(spec, Private));
        Assert.DoesNotContain(TreeValidator.Validate(spec, zones: Private), d => d.Severity == Severity.Error);
    }

    [Fact]
    public void IP_based_routing_is_refused_in_a_private_zone_only()
    {
        var spec = Load(SpecDocument.IpBased());

        var error = Assert.Single(TreeValidator.ValidateInZones(spec, Private));
        Assert.Equal(Severity.Error, error.Severity);
        Assert.Equal("$.root.routing", error.Path);
        Assert.Contains("IP-based routing in a private hosted zone", error.Message);
        Assert.Contains(Zone, error.Message);

        Assert.Empty(TreeValidator.ValidateInZones(spec, OtherZonePrivate));
        Assert.Empty(TreeValidator.ValidateInZones(spec, ZonePrivacy.Unknown));
        Assert.Contains(TreeValidator.Validate(spec, zones: Private), d => d.Path == "$.root.routing" && d.Severity == Severity.Error);
        Assert.DoesNotContain(TreeValidator.Validate(spec), d => d.Path == "$.root.routing");
    }

    [Fact]
    public void A_health_check_on_the_simple_record_of_a_leaf_at_the_root_is_refused_in_a_private_zone()
    {
        var spec = Load(SpecDocument.Plain("A", "198.51.100.1", "198.51.100.2")
            .Set("root", """{ "id": "only", "endpoint": { "values": ["198.51.100.1"], "healthCheck": { "type": "HTTPS" } } }"""));

        var error = Assert.Single(TreeValidator.ValidateInZones(spec, Private));
        Assert.Equal("$.root.endpoint", error.Path);
        Assert.Contains("simple record", error.Message);
        Assert.Empty(TreeValidator.ValidateInZones(spec, ZonePrivacy.Unknown));
    }

    [Fact]
    public void A_leaf_at_the_root_without_a_check_is_fine_in_a_private_zone()
    {
        var spec = Load(SpecDocument.Plain("A", "10.0.0.1", "10.0.0.2")
            .Set("root", """{ "id": "only", "endpoint": { "values": ["10.0.0.1"] } }"""));

        Assert.Empty(TreeValidator.ValidateInZones(spec, Private));
    }

    [Fact]
    public void A_CloudFront_alias_in_a_private_zone_is_a_warning()
    {
        var spec = Load(SpecDocument.SimpleFailover().Set("root.secondary", """
            { "id": "cdn", "alias": { "dnsName": "d111111abcdef8.cloudfront.net", "hostedZoneId": "Z2FDTNDATAQYW2",
              "evaluateTargetHealth": false } }
            """));

        var warning = Assert.Single(TreeValidator.ValidateInZones(spec, Private));
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.Equal("$.root.secondary.alias.dnsName", warning.Path);
        Assert.Contains("CloudFront", warning.Message);
        Assert.Empty(TreeValidator.ValidateInZones(spec, ZonePrivacy.Unknown));
    }

    [Fact]
    public void A_check_that_resolves_a_name_of_the_private_zone_is_a_warning()
    {
        var inZone = Load(SpecDocument.Www().Set("root.primary.children[0].children[0].endpoint.healthCheck",
            """{ "target": "fqdn", "fqdn": "app.example.com" }"""));
        var outside = Load(SpecDocument.Www().Set("root.primary.children[0].children[0].endpoint.healthCheck",
            """{ "target": "fqdn", "fqdn": "app.example.net" }"""));

        var warning = Assert.Single(TreeValidator.ValidateInZones(inZone, Private));
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.Equal("$.root.primary.children[0].children[0].endpoint.healthCheck.fqdn", warning.Path);
        Assert.Contains("outside the VPC", warning.Message);
        Assert.Contains("CLOUDWATCH_METRIC", warning.Message);
        Assert.Empty(TreeValidator.ValidateInZones(outside, Private));
        Assert.Empty(TreeValidator.ValidateInZones(inZone, ZonePrivacy.Unknown));
    }

    [Fact]
    public void A_check_of_a_private_address_points_to_CloudWatch_alarm_checks()
    {
        var text = SpecDocument.Www().Set("root.primary.children[1].endpoint.values", "[\"10.0.3.7\"]").Text;

        var error = Assert.Single(SpecLoader.Load(text).Diagnostics, d => d.Severity == Severity.Error);

        Assert.Equal("$.root.primary.children[1].endpoint.values[0]", error.Path);
        Assert.Contains("CLOUDWATCH_METRIC", error.Message);
        Assert.Contains("healthCheckId", error.Message);
    }

    [Fact]
    public void A_private_attachment_brings_the_rules_and_each_message_names_it()
    {
        const string inside = "Z0000000000000000000P";
        var spec = Load(SpecDocument.IpBased().Set("attachments", AttachmentRuleCases.Attachments(
            AttachmentRuleCases.Attachment(inside, "example.com", "office.example.com"))));

        Assert.Equal(["Z0000000000000000000A", inside], TreeValidator.ZonesOf(spec));
        var error = Assert.Single(TreeValidator.ValidateInZones(spec, ZonePrivacy.Of([inside])));
        Assert.Equal("$.root.routing", error.Path);
        Assert.Contains($"{inside} ($.attachments[0].hostedZoneId)", error.Message);
        Assert.Empty(TreeValidator.ValidateInZones(spec, ZonePrivacy.Unknown));
    }

    [Fact]
    public void A_check_that_resolves_a_name_is_judged_against_each_private_attachment_s_zone()
    {
        const string inside = "Z0000000000000000000P";
        var spec = Load(SpecDocument.Www()
            .Set("root.primary.children[0].children[0].endpoint.healthCheck", """{ "target": "fqdn", "fqdn": "app.example.org" }""")
            .Set("attachments", AttachmentRuleCases.Attachments(
                AttachmentRuleCases.Attachment(inside, "example.org", "www.example.org"))));

        Assert.Empty(TreeValidator.ValidateInZones(spec, Private));
        var warning = Assert.Single(TreeValidator.ValidateInZones(spec, ZonePrivacy.Of([inside])));
        Assert.Contains($"{inside} ($.attachments[0].hostedZoneId)", warning.Message);
    }

    [Fact]
    public void Privacy_is_known_by_bare_id_and_by_path()
    {
        Assert.True(ZonePrivacy.Of(["/hostedzone/ZA"]).IsPrivate("ZA"));
        Assert.True(ZonePrivacy.Of(["ZA"]).IsPrivate("/hostedzone/ZA"));
        Assert.False(ZonePrivacy.Unknown.IsPrivate("ZA"));
        Assert.Equal(["Z1"], TreeValidator.ZonesOf(Load(SpecDocument.Www()) with { HostedZoneId = "Z1" }));
    }
}
