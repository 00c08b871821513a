using Failover.Core.Compilation;
using Failover.Core.Planning;
using Failover.Core.Simulation;
using Failover.Core.Spec;
using Failover.Core.Tests.Planning;
using Failover.Core.Tests.Spec;

namespace Failover.Core.Tests.HealthChecks;

/// <summary>
/// Health checks on a nested rule and on an alias leaf (examples/rule-health-check.json): the node's record in its
/// parent's group names the check, the checks are made children first, and the simulator requires both the record's own
/// check and, with Evaluate Target Health, its target.
/// </summary>
[Trait("Category", "Unit")]
public class NodeHealthCheckTests
{
    private static TreeSpec Regional() => SpecLoader.Load(Examples.Read("rule-health-check.json")).Spec!;

    [Fact]
    public void The_rule_and_alias_records_name_their_checks()
    {
        var compiled = TreeCompiler.Compile(Regional());

        var rule = compiled.Records.Single(r => r.NodeId == "use1").RecordSet;
        Assert.Equal(("PRIMARY", "_use1.regional.example.com", HealthCheckPlaceholder.For("use1")),
            (rule.Failover, rule.AliasTarget!.DnsName, rule.HealthCheckId));
        var alias = compiled.Records.Single(r => r.NodeId == "euw1-alb").RecordSet;
        Assert.Equal(HealthCheckPlaceholder.For("euw1-alb"), alias.HealthCheckId);
        var albCheck = compiled.HealthChecks.Single(h => h.NodeId == "euw1-alb").Config;
        Assert.Equal(("HTTPS", null, "dr.example.com", "/health"),
            (albCheck.Type, albCheck.IpAddress, albCheck.FullyQualifiedDomainName, albCheck.ResourcePath));
        Assert.Equal([HealthCheckPlaceholder.For("az-a"), HealthCheckPlaceholder.For("az-b")],
            compiled.HealthChecks.Single(h => h.NodeId == "use1").Config.ChildHealthChecks);
    }

    [Fact]
    public void The_rule_check_over_its_children_is_made_in_the_second_layer()
    {
        var plan = Planner.Plan(TreeCompiler.Compile(Regional()), ActualState.Empty);

        Assert.Equal(["az-a", "az-b", "euw1-alb"], plan.Layer("health-checks").HealthChecks.Select(h => h.NodeId).Order());
        Assert.Equal("use1", Assert.Single(plan.Layer("health-checks-2").HealthChecks).NodeId);
    }

    [Theory]
    [InlineData("az-a", "euw1-alb")]
    [InlineData("az-a,euw1-alb", "sorry")]
    [InlineData("euw1-alb", "az-a,az-b")]
    [InlineData("use1", "euw1-alb")]
    public void The_simulator_honours_the_rule_and_alias_checks(string unhealthy, string answering)
    {
        var result = Simulator.Simulate(Regional(), new SimulationQuery(unhealthy.Split(',').ToHashSet()));

        Assert.Empty(result.Diagnostics);
        Assert.Equal(answering.Split(','), result.Answers.Select(a => a.NodeId).Order());
    }

    [Fact]
    public void The_node_checks_round_trip_through_the_spec_writer()
    {
        var spec = Regional();

        var again = SpecLoader.Load(SpecJsonWriter.Write(spec)).Spec!;

        Assert.Equal(spec.Root.Primary!.HealthCheck!.Children, again.Root.Primary!.HealthCheck!.Children);
        Assert.Equal("dr.example.com", again.Root.Secondary!.Primary!.HealthCheck!.Fqdn);
    }
}
