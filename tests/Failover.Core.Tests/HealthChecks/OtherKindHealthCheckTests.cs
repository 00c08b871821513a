using Failover.Core.Compilation;
using Failover.Core.Contracts;
using Failover.Core.Drift;
using Failover.Core.Planning;
using Failover.Core.Route53;
using Failover.Core.Simulation;
using Failover.Core.Spec;
using Failover.Core.Tests.Planning;
using Failover.Core.Tests.Spec;
using Failover.Testing;

namespace Failover.Core.Tests.HealthChecks;

/// <summary>
/// CALCULATED, CLOUDWATCH_METRIC and RECOVERY_CONTROL checks owned by a tree (examples/canary-alarm.json): compiled with
/// only their own members, made children first and deleted parents first, compared member by member, simulated.
/// </summary>
[Trait("Category", "Unit")]
public class OtherKindHealthCheckTests
{
    private static TreeSpec Canary() => SpecLoader.Load(Examples.Read("canary-alarm.json")).Spec!;

    private static DesiredHealthCheck Check(CompiledTree compiled, string node) => compiled.HealthChecks.Single(h => h.NodeId == node);

    [Fact]
    public void Each_kind_compiles_to_its_own_members_and_children_come_before_their_parent()
    {
        var compiled = TreeCompiler.Compile(Canary());

        var alarm = Check(compiled, "az-a").Config;
        Assert.Equal(new AlarmIdentifier("us-east-1", "api-canary-az-a"), alarm.AlarmIdentifier);
        Assert.Equal(("CLOUDWATCH_METRIC", "Unhealthy", null, (int?)null), (alarm.Type, alarm.InsufficientDataHealthStatus, alarm.IpAddress,
            alarm.Port));
        Assert.StartsWith("arn:aws:route53-recovery-control::", Check(compiled, "dr-1").Config.RoutingControlArn);
        var calculated = Check(compiled, "dr-2").Config;
        Assert.Equal([HealthCheckPlaceholder.For("dr-1")], calculated.ChildHealthChecks);
        Assert.Equal(1, calculated.HealthThreshold);
        var order = compiled.HealthChecks.Select(h => h.NodeId).ToList();
        Assert.True(order.IndexOf("dr-1") < order.IndexOf("dr-2"));
    }

    [Fact]
    public void A_parent_gets_a_new_caller_reference_when_a_child_changes()
    {
        var spec = Canary();
        var before = Check(TreeCompiler.Compile(spec), "dr-2").CallerReference;
        var dr1 = spec.Root.Secondary!.Primary!.Children[0];
        var changed = Replace(spec, dr1 with
        {
            Endpoint = dr1.Endpoint! with { HealthCheck = dr1.Endpoint.HealthCheck! with { RoutingControlArn = "arn:aws:x::1:rc/other" } },
        });

        Assert.NotEqual(before, Check(TreeCompiler.Compile(changed), "dr-2").CallerReference);
    }

    [Fact]
    public void The_calculated_check_is_made_in_a_layer_after_its_child_and_names_it_by_id()
    {
        var zone = new InMemoryZone("api", "Z0000000000000000000A");
        var plan = Planner.Plan(TreeCompiler.Compile(Canary()), zone.State);

        Assert.Equal(["health-checks", "health-checks-2", "leaf-records", "alias-level-1", "alias-level-2"],
            plan.LayerNames());
        Assert.Equal("dr-2", Assert.Single(plan.Layer("health-checks-2").HealthChecks).NodeId);
        zone.Apply(plan);
        var dr1 = zone.HealthChecks.Single(h => h.NodeTag == "dr-1").Id;
        Assert.Equal([dr1], zone.HealthChecks.Single(h => h.NodeTag == "dr-2").Config.ChildHealthChecks);
        Assert.True(Planner.Plan(TreeCompiler.Compile(Canary()), zone.State).IsEmpty);
    }

    [Fact]
    public void A_new_parent_over_an_existing_child_names_the_child_by_id_in_the_first_layer()
    {
        var zone = new InMemoryZone("api", "Z0000000000000000000A");
        zone.Apply(Planner.Plan(TreeCompiler.Compile(Canary()), zone.State));
        var spec = Canary();
        var dr2 = spec.Root.Secondary!.Primary!.Children[1];
        var changed = Replace(spec, dr2 with
        {
            Endpoint = dr2.Endpoint! with { HealthCheck = dr2.Endpoint.HealthCheck! with { Inverted = true } },
        });

        var plan = Planner.Plan(TreeCompiler.Compile(changed), zone.State);

        var made = Assert.Single(plan.Layer("health-checks").HealthChecks);
        Assert.Equal([zone.HealthChecks.Single(h => h.NodeTag == "dr-1").Id], made.Config.ChildHealthChecks);
        Assert.Equal(["health-checks", "leaf-records", "health-check-cleanup"], plan.LayerNames());
    }

    [Fact]
    public void Teardown_deletes_the_calculated_check_before_its_child()
    {
        var zone = new InMemoryZone("api", "Z0000000000000000000A");
        zone.Apply(Planner.Plan(TreeCompiler.Compile(Canary()), zone.State));

        var plan = Planner.Teardown("api", "Z0000000000000000000A", zone.State);

        var deletions = plan.Layer("health-check-cleanup").HealthCheckDeletions.Select(d => d.NodeId).ToList();
        Assert.True(deletions.IndexOf("dr-2") < deletions.IndexOf("dr-1"), string.Join(", ", deletions));
        zone.Apply(plan);
        Assert.Empty(zone.HealthChecks);
    }

    [Fact]
    public void The_plan_json_carries_the_members_as_the_aws_cli_takes_them()
    {
        var plan = Planner.Plan(TreeCompiler.Compile(Canary()), ActualState.Empty);
        var shapes = PlanJson.ToDocument(plan).Layers![0].HealthChecks!;

        var alarm = shapes.Single(c => c.NodeId == "az-a").HealthCheckConfig!;
        Assert.Equal(("us-east-1", "api-canary-az-a"), (alarm.AlarmIdentifier!.Region, alarm.AlarmIdentifier.Name));
        Assert.Null(alarm.RequestInterval);
        Assert.Null(alarm.Port);
        var control = shapes.Single(c => c.NodeId == "dr-1").HealthCheckConfig!;
        Assert.Null(control.FailureThreshold);
        Assert.NotNull(control.RoutingControlArn);
    }

    [Fact]
    public void Drift_names_each_changed_member_and_the_children_by_matched_id()
    {
        var wanted = HealthCheckConfigResolver.ResolveNonEndpoint("CLOUDWATCH_METRIC",
            new HealthCheckSettings { AlarmName = "a", AlarmRegion = "us-east-1", InsufficientDataHealthStatus = "Healthy" });
        var found = wanted with { AlarmIdentifier = new AlarmIdentifier("us-east-1", "b"), InsufficientDataHealthStatus = "Unhealthy",
            Port = 80, RequestInterval = 10 };

        var fields = HealthCheckFields.Compare(wanted, found).Select(f => f.Field).ToList();

        Assert.Equal(["alarmIdentifier", "insufficientDataHealthStatus"], fields);
        var calculated = new HealthCheckConfig { Type = "CALCULATED", ChildHealthChecks = ["x", "y"], HealthThreshold = 2 };
        Assert.Empty(HealthCheckFields.Compare(calculated, calculated with { ChildHealthChecks = ["y", "x"] }));
        Assert.Equal(["healthThreshold", "childHealthChecks"],
            HealthCheckFields.Compare(calculated, calculated with { ChildHealthChecks = ["x"], HealthThreshold = 1 }).Select(f => f.Field));
    }

    [Fact]
    public void Drift_of_a_converged_tree_is_empty_and_a_calculated_check_over_another_child_drifts()
    {
        var zone = new InMemoryZone("api", "Z0000000000000000000A");
        var compiled = TreeCompiler.Compile(Canary());
        zone.Apply(Planner.Plan(compiled, zone.State));
        var ids = zone.HealthChecks.Select(h => h.Id).ToHashSet();
        Assert.Empty(DriftDetector.Detect(compiled, zone.State, ids).Items);

        var state = zone.State;
        var dr2 = state.HealthChecks.Single(h => h.NodeTag == "dr-2");
        var other = state.HealthChecks.Single(h => h.NodeTag == "az-a").Id;
        var drifted = state with
        {
            HealthChecks =
                [.. state.HealthChecks.Where(h => h != dr2), dr2 with { Config = dr2.Config with { ChildHealthChecks = [other] } }],
        };

        var item = Assert.Single(DriftDetector.Detect(compiled, drifted, ids).Items);
        Assert.Equal(("dr-2", "childHealthChecks"), (item.NodeId, Assert.Single(item.Fields).Field));
    }

    [Fact]
    public void The_simulator_computes_a_calculated_check_from_its_children()
    {
        var spec = Canary();

        var drUp = Simulator.Simulate(spec, new SimulationQuery(new HashSet<string> { "az-a", "az-b" }));
        Assert.Equal(["dr-1", "dr-2"], drUp.Answers.Select(a => a.NodeId).Order());

        // dr-2's CALCULATED check has dr-1 as its only child: the routing control off takes both DR records out.
        var drDown = Simulator.Simulate(spec, new SimulationQuery(new HashSet<string> { "az-a", "az-b", "dr-1" }));
        Assert.Equal(["sorry"], drDown.Answers.Select(a => a.NodeId));
    }

    private static TreeSpec Replace(TreeSpec spec, TreeNode node)
    {
        TreeNode Walk(TreeNode n) => n.Id == node.Id ? node : n with
        {
            Primary = n.Primary is null ? null : Walk(n.Primary),
            Secondary = n.Secondary is null ? null : Walk(n.Secondary),
            Children = n.Children.Select(Walk).ToList(),
        };
        return spec with { Root = Walk(spec.Root) };
    }
}
