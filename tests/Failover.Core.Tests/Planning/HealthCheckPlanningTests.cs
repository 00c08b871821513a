using Failover.Core.Compilation;
using Failover.Core.Planning;
using Failover.Core.Route53;
using Failover.Core.Spec;
using Failover.Testing;

namespace Failover.Core.Tests.Planning;

[Trait("Category", "Unit")]
public class HealthCheckPlanningTests
{
    private static InMemoryZone Applied(TreeSpec spec)
    {
        var zone = new InMemoryZone(spec.Name, spec.HostedZoneId);
        zone.Apply(Planner.Plan(TreeCompiler.Compile(spec), zone.State));
        return zone;
    }

    [Fact]
    public void Existing_checks_are_reused_and_their_ids_put_into_the_records()
    {
        var spec = SampleTrees.Www();
        var zone = new InMemoryZone("www", spec.HostedZoneId);
        var compiled = TreeCompiler.Compile(spec);
        // Only the health checks layer ran (a crash before the records, say).
        zone.Apply(Planner.Plan(compiled, zone.State) is var full ? full with { Layers = full.Layers.Take(1).ToList() } : null!);

        var plan = Planner.Plan(compiled, zone.State);

        Assert.Equal(["leaf-records", "alias-level-1", "alias-level-2"], plan.LayerNames());
        var euw1 = plan.AllChanges().Single(c => c.RecordSet.SetIdentifier == "euw1").RecordSet;
        Assert.Equal(zone.HealthChecks.Single(h => h.NodeTag == "euw1").Id, euw1.HealthCheckId);
        Assert.Equal(0, plan.Summary.HealthChecksCreated);
    }

    [Fact]
    public void A_changed_check_is_created_anew_the_record_moved_to_it_and_the_old_one_deleted_last()
    {
        var zone = Applied(SampleTrees.Www());
        var oldId = zone.HealthChecks.Single(h => h.NodeTag == "euw1").Id;
        var spec = SampleTrees.Www();
        var euw1 = spec.Root.Primary!.Children[1];
        var changed = spec with
        {
            Root = spec.Root with
            {
                Primary = spec.Root.Primary with
                {
                    Children =
                        [spec.Root.Primary.Children[0],
                        euw1 with { Endpoint = euw1.Endpoint! with { HealthCheck = new HealthCheckSettings { RequestInterval = 10 } } }],
                },
            },
        };

        var plan = Planner.Plan(TreeCompiler.Compile(changed), zone.State);

        Assert.Equal(["health-checks", "leaf-records", "health-check-cleanup"], plan.LayerNames());
        Assert.Equal("euw1", Assert.Single(plan.Layer("health-checks").HealthChecks).NodeId);
        var upsert = Assert.Single(plan.Layer("leaf-records").Changes());
        Assert.Equal((ChangeAction.Upsert, "{{healthcheck:euw1}}"), (upsert.Action, upsert.RecordSet.HealthCheckId));
        Assert.Equal(new HealthCheckDeletion(oldId, "euw1"), Assert.Single(plan.Layer("health-check-cleanup").HealthCheckDeletions));

        zone.Apply(plan);
        Assert.Equal(10, zone.HealthChecks.Single(h => h.NodeTag == "euw1").Config.RequestInterval);
        Assert.True(Planner.Plan(TreeCompiler.Compile(changed), zone.State).IsEmpty);
    }

    [Fact]
    public void Removing_a_subtree_deletes_its_records_top_down_then_its_checks()
    {
        var zone = Applied(SampleTrees.Www());
        var spec = SampleTrees.Www();
        var direct =
            spec with { Root =
            spec.Root with { Primary = SampleTrees.Endpoint("direct", "$.root.primary", "192.0.2.50", new HealthCheckSettings()) } };

        var plan = Planner.Plan(TreeCompiler.Compile(direct), zone.State);

        Assert.Equal(["health-checks", "leaf-records", "delete-alias-level-1", "delete-leaf-records", "health-check-cleanup"],
            plan.LayerNames());
        Assert.Equal(["DELETE www.example.com A [regions]", "CREATE www.example.com A [direct]"],
            plan.Layer("leaf-records").Changes().Select(c => c.Describe()));
        Assert.Equal(["DELETE _regions.www.example.com A [use1]"], plan.Layer("delete-alias-level-1").Changes().Select(c => c.Describe()));
        Assert.Equal(["euw1", "use1-a", "use1-b"], plan.Layer("delete-leaf-records").Changes().Select(c => c.RecordSet.SetIdentifier!));
        Assert.Equal(["euw1", "use1-a", "use1-b"], plan.Layer("health-check-cleanup").HealthCheckDeletions.Select(d => d.NodeId!));
        Assert.Equal(new PlanSummary(1, 0, 5, 1, 3, 6), plan.Summary);

        zone.Apply(plan);
        Assert.True(Planner.Plan(TreeCompiler.Compile(direct), zone.State).IsEmpty);
    }

    [Fact]
    public void Checks_of_other_trees_and_untagged_checks_are_never_cleaned_up()
    {
        var zone = Applied(SampleTrees.Www());
        var config = new HealthCheckConfig { Type = "TCP", Port = 22, IpAddress = "192.0.2.99" };
        var state = zone.State with
        {
            HealthChecks =
                [.. zone.HealthChecks, new ExistingHealthCheck("other-tree", "x", config, "api", "a"),
                new ExistingHealthCheck("by-hand", "y", config)],
        };

        var plan = Planner.Teardown("www", "Z0000000000000000000A", state);

        Assert.Equal(3, plan.Layer("health-check-cleanup").HealthCheckDeletions.Count);
        Assert.DoesNotContain(plan.Layer("health-check-cleanup").HealthCheckDeletions, d => d.HealthCheckId is "other-tree" or "by-hand");
    }

    [Fact]
    public void A_check_made_under_another_salt_with_the_same_config_is_reused()
    {
        var spec = SampleTrees.Www();
        var zone = Applied(spec);

        var plan = Planner.Plan(TreeCompiler.Compile(spec, new CompileOptions { CallerReferenceSalt = "rollback-7" }), zone.State);

        Assert.True(plan.IsEmpty);
    }
}
