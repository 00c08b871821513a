using Failover.Composition;
using Failover.Service.Zones;

namespace Failover.Aws.Tests.Workflow;

/// <summary>The one allow-list of a deployment, read once by the composition root and handed to every part that writes.</summary>
[Trait("Category", "Unit")]
public sealed class ZoneAllowListTests
{
    [Fact]
    public void The_composition_root_gives_the_workflow_the_drift_repair_and_the_API_the_deployments_list()
    {
        var environment = new Dictionary<string, string?>
        {
            [ZoneAllowList.Variable] = "Z1AAAA,/hostedzone/Z2BBBB",
            ["FAILOVER_STATE_MACHINE_ARN"] = "arn:aws:states:us-east-1:123456789012:stateMachine:provisioning",
            ["AWS_REGION"] = "us-east-1",
        };
        // The SDK clients built on first use resolve their region from the process.
        Environment.SetEnvironmentVariable("AWS_REGION", Environment.GetEnvironmentVariable("AWS_REGION") ?? "us-east-1");
        using var services = FailoverServices.Create(FailoverSettings.FromEnvironment(name => environment.GetValueOrDefault(name))
            with { Credentials = new Amazon.Runtime.BasicAWSCredentials("x", "x") });

        foreach (var list in new[] { services.Workflow().AllowedZones, services.Drift(TextWriter.Null).AllowedZones })
        {
            Assert.True(list.Allows("Z1AAAA"));
            Assert.True(list.Allows("z2bbbb"));
            Assert.False(list.Allows("Z3CCCC"));
        }
    }

    [Fact]
    public void A_deployment_that_names_no_zone_allows_none_and_says_which_setting_to_set()
    {
        var settings = FailoverSettings.FromEnvironment(_ => null);

        Assert.False(settings.AllowedZones.AllowsAny);
        Assert.Contains($"allows no hosted zones (set {ZoneAllowList.Variable})", settings.AllowedZones.Refusal("Z1", "www"));
        Assert.Null(ZoneAllowList.Any.Refusal("Z1", "www"));
        Assert.NotNull(new FailoverSettings().AllowedZones.Refusal("Z1", "www"));
    }
}
