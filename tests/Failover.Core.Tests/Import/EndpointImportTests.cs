using Failover.Core.Diagnostics;
using Failover.Core.Spec;
using static Failover.Core.Tests.Import.Policies;

namespace Failover.Core.Tests.Import;

[Trait("Category", "Unit")]
public class EndpointImportTests
{
    // The endpoint under test is the failover secondary: a primary needs a health check Route 53 can evaluate, and a
    // CloudFront alias cannot be one (validation refuses it there, and import now validates what it builds).
    private static (AliasSpec? Alias, IReadOnlyList<SpecDiagnostic> Diagnostics) ImportEndpoint(string endpoint, string reference = "")
    {
        var result = ImportPolicy(Document($"\"e\": {endpoint}, \"p\": {{ \"Type\": \"value\", \"Value\": \"192.0.2.1\" }}", "",
            "\"StartRule\": \"top\"")
            .Replace("\"Rules\": {  }", $$"""
                "Rules": { "top": { "RuleType": "failover",
                "Primary": { "EndpointReference": "p", "HealthCheck": "0b6c2a4e-8d2b-4c9a-9e33-0a1b2c3d4e5a" },
                "Secondary": { "EndpointReference": "e" {{reference}} } } }
                """));
        return (result.Spec?.Root.Secondary!.Alias, result.Diagnostics);
    }

    [Theory]
    [InlineData("""{ "Type": "elastic-load-balancer", "Value": "dualstack.my-lb-1234567890.us-west-2.elb.amazonaws.com" }""",
        "dualstack.my-lb-1234567890.us-west-2.elb.amazonaws.com", "Z1H1FL5HABSF5")]
    [InlineData("""{ "Type": "application-load-balancer", "Value": "exampleAlb-1283637735.eu-west-1.elb.amazonaws.com" }""",
        "examplealb-1283637735.eu-west-1.elb.amazonaws.com", "Z32O12XQLNTSW2")]
    [InlineData("""{ "Type": "network-load-balancer", "Value": "exampleNlb-74f87b114e21682a.elb.us-east-1.amazonaws.com" }""",
        "examplenlb-74f87b114e21682a.elb.us-east-1.amazonaws.com", "Z26RNL4JYFTOTI")]
    [InlineData("""{ "Type": "elastic-beanstalk", "Value": "example-env-1.eba-ns4qrife.eu-central-1.elasticbeanstalk.com" }""",
        "example-env-1.eba-ns4qrife.eu-central-1.elasticbeanstalk.com", "Z1FRNW7UH4DEZJ")]
    [InlineData("""{ "Type": "s3-website", "Region": "us-east-1", "Value": "www.example.com" }""", "s3-website-us-east-1.amazonaws.com",
        "Z3AQBSTGFYJSTF")]
    [InlineData("""{ "Type": "s3-website", "Region": "eu-central-1", "Value":""" +
        """ "www.example.com.s3-website.eu-central-1.amazonaws.com" }""", "s3-website.eu-central-1.amazonaws.com", "Z21DNDUVLTQW6Q")]
    [InlineData("""{ "Type": "cloudfront", "Value": "d111111abcdef8.cloudfront.net" }""", "d111111abcdef8.cloudfront.net",
        "Z2FDTNDATAQYW2")]
    public void Aws_resources_become_aliases_with_their_regional_hosted_zone(string endpoint, string dnsName, string zone)
    {
        var (alias, diagnostics) = ImportEndpoint(endpoint);

        Assert.Empty(diagnostics);
        Assert.Equal((dnsName, zone), (alias!.DnsName, alias.HostedZoneId));
    }

    [Fact]
    public void An_explicit_region_decides_the_zone_when_the_name_does_not_tell()
    {
        var (alias, _) =
            ImportEndpoint("""{ "Type": "application-load-balancer", "Region": "ap-southeast-2", "Value": "internal-lb.example.net" }""");

        Assert.Equal("Z1GM3OXH4ZPM65", alias!.HostedZoneId);
    }

    [Theory]
    [InlineData("""{ "Type": "elastic-load-balancer", "Value": "my-lb.example.net" }""", "$.Endpoints.e.Value", "cannot tell the region")]
    [InlineData("""{ "Type": "elastic-load-balancer", "Value": "my-lb.xx-nowhere-9.elb.amazonaws.com" }""", "$.Endpoints.e.Value",
        "xx-nowhere-9")]
    [InlineData("""{ "Type": "s3-website", "Value": "www.example.com" }""", "$.Endpoints.e.Region", "Region")]
    [InlineData("""{ "Type": "s3-website", "Region": "mars-north-1", "Value": "www.example.com" }""", "$.Endpoints.e.Region",
        "mars-north-1")]
    [InlineData("""{ "Type": "value" }""", "$.Endpoints.e.Value", "required")]
    [InlineData("""{ "Type": "value", "Value": 42 }""", "$.Endpoints.e.Value", "string")]
    [InlineData("""[]""", "$.Endpoints.e", "object")]
    public void Endpoints_that_cannot_be_placed_are_errors_with_their_path(string endpoint, string path, string message)
    {
        var (alias, diagnostics) = ImportEndpoint(endpoint);

        Assert.Null(alias);
        Assert.Contains(diagnostics, d => d.Severity == Severity.Error && d.Path == path && d.Message.Contains(message));
    }

    [Fact]
    public void Evaluate_target_health_follows_the_reference_and_defaults_to_true()
    {
        const string Lb = """{ "Type": "elastic-load-balancer", "Value": "lb-1.us-east-1.elb.amazonaws.com" }""";
        var weighted = ImportPolicy(Document($"\"e\": {Lb}", """
            "top": { "RuleType": "weighted", "Items": [ { "EndpointReference": "e", "Weight": 1, "EvaluateTargetHealth": false } ] }
            """));
        var (on, _) = ImportEndpoint(Lb);

        Assert.False(weighted.Spec!.Root.Children.Single().Alias!.EvaluateTargetHealth);
        Assert.True(on!.EvaluateTargetHealth);
    }

    // Import validates what it builds: a failover alias that turns Evaluate Target Health off is refused as `validate`
    // refuses it, on the reference that says so.
    [Fact]
    public void A_failover_alias_without_target_health_is_refused_as_validate_refuses_it()
    {
        var (alias, diagnostics) = ImportEndpoint("""{ "Type": "elastic-load-balancer", "Value": "lb-1.us-east-1.elb.amazonaws.com" }""",
            ", \"EvaluateTargetHealth\": false");

        Assert.Null(alias);
        var error = Assert.Single(diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal("$.Rules.top.Secondary", error.Path);
        Assert.Contains("$.root.secondary.alias.evaluateTargetHealth, built from $.Endpoints.e", error.Message);
    }

    [Fact]
    public void CloudFront_never_evaluates_target_health_and_asking_is_a_warning()
    {
        var (alias, diagnostics) =
            ImportEndpoint("""{ "Type": "cloudfront", "Value": "d1.cloudfront.net" }""", ", \"EvaluateTargetHealth\": true");

        Assert.False(alias!.EvaluateTargetHealth);
        var warning = Assert.Single(diagnostics);
        Assert.Equal(("$.Rules.top.Secondary.EvaluateTargetHealth", Severity.Warning), (warning.Path, warning.Severity));
    }

    [Fact]
    public void A_health_check_on_an_alias_endpoint_is_kept_on_the_alias_leaf()
    {
        var result = ImportPolicy(Document(
            "\"e\": { \"Type\": \"elastic-load-balancer\", \"Value\": \"lb-1.us-east-1.elb.amazonaws.com\" }, " +
            "\"p\": { \"Type\": \"value\", \"Value\": \"192.0.2.1\" }", "", "\"StartRule\": \"top\"")
            .Replace("\"Rules\": {  }", """
                "Rules": { "top": { "RuleType": "failover",
                "Primary": { "EndpointReference": "p", "HealthCheck": "0b6c2a4e-8d2b-4c9a-9e33-0a1b2c3d4e5a" },
                "Secondary": { "EndpointReference": "e", "HealthCheck": "0b6c2a4e-8d2b-4c9a-9e33-0a1b2c3d4e5b" } } }
                """));

        var secondary = result.Spec!.Root.Secondary!;
        Assert.Equal((NodeKind.Alias, "0b6c2a4e-8d2b-4c9a-9e33-0a1b2c3d4e5b"), (secondary.Kind, secondary.HealthCheckId));
        Assert.Null(secondary.Endpoint);
        Assert.DoesNotContain(result.Diagnostics, d => d.Path == "$.Rules.top.Secondary.HealthCheck");
        Assert.Null(result.Spec.Root.Primary!.HealthCheckId);
        Assert.Equal("0b6c2a4e-8d2b-4c9a-9e33-0a1b2c3d4e5a", result.Spec.Root.Primary.Endpoint!.HealthCheckId);
    }

    [Fact]
    public void An_s3_bucket_named_unlike_the_record_is_a_warning()
    {
        var (alias, diagnostics) = ImportEndpoint("""{ "Type": "s3-website", "Region": "us-east-1", "Value": "video.example.com" }""");

        Assert.NotNull(alias);
        var warning = Assert.Single(diagnostics);
        Assert.Equal(("$.Endpoints.e.Value", Severity.Warning), (warning.Path, warning.Severity));
        Assert.Contains("video.example.com", warning.Message);
    }
}
