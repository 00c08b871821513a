using Failover.Core.Compilation;
using Failover.Core.Planning;
using Failover.Core.Route53;
using Failover.Core.Spec;
using Failover.Testing;

namespace Failover.Core.Tests.Planning;

[Trait("Category", "Unit")]
public class DiffTests
{
    private static TreeNode Weighted(params (string Id, string Value)[] children) => new()
    {
        Id = "root", Path = "$.root", Routing = RoutingPolicy.Weighted,
        Children = children.Select((c, i) => SampleTrees.Endpoint(c.Id, $"$.root.children[{i}]", c.Value) with { Weight = 10 }).ToList(),
    };

    private static InMemoryZone Applied(TreeSpec spec)
    {
        var zone = new InMemoryZone(spec.Name, spec.HostedZoneId);
        zone.Apply(Planner.Plan(TreeCompiler.Compile(spec), zone.State));
        return zone;
    }

    private static Plan Replan(TreeSpec spec, InMemoryZone zone) => Planner.Plan(TreeCompiler.Compile(spec), zone.State);

    [Fact]
    public void A_changed_value_is_an_upsert_of_that_record_only()
    {
        var zone = Applied(SampleTrees.With(Weighted(("a", "192.0.2.1"), ("b", "192.0.2.2"))));

        var plan = Replan(SampleTrees.With(Weighted(("a", "192.0.2.1"), ("b", "192.0.2.9"))), zone);

        var change = Assert.Single(plan.AllChanges());
        Assert.Equal("UPSERT t.example.com A [b]", change.Describe());
        Assert.Equal(["192.0.2.9"], change.RecordSet.ResourceRecords);
        Assert.Equal(["leaf-records"], plan.LayerNames());
        Assert.Equal(new PlanSummary(0, 1, 0, 0, 0, 2), plan.Summary);
    }

    [Fact]
    public void A_new_child_is_created_and_a_removed_one_deleted_after_it_with_its_exact_current_values()
    {
        var zone = Applied(SampleTrees.With(Weighted(("a", "192.0.2.1"), ("b", "192.0.2.2"))));
        var current = zone.Records.Single(r => r.SetIdentifier == "b");

        var plan = Replan(SampleTrees.With(Weighted(("a", "192.0.2.1"), ("c", "192.0.2.3"))), zone);

        Assert.Equal(["leaf-records", "delete-leaf-records"], plan.LayerNames());
        Assert.Equal(["CREATE t.example.com A [c]"], plan.Layer("leaf-records").Changes().Select(c => c.Describe()));
        var delete = Assert.Single(plan.Layer("delete-leaf-records").Changes());
        Assert.Equal(ChangeAction.Delete, delete.Action);
        Assert.Same(current, delete.RecordSet);
    }

    [Fact]
    public void A_routing_policy_switch_deletes_and_creates_the_group_in_one_batch()
    {
        var zone = Applied(SampleTrees.With(Weighted(("a", "192.0.2.1"), ("b", "192.0.2.2"))));
        var latency = new TreeNode
        {
            Id = "root", Path = "$.root", Routing = RoutingPolicy.Latency,
            Children =
                [SampleTrees.Endpoint("a", "$.root.children[0]", "192.0.2.1") with { Region = "us-east-1" },
                SampleTrees.Endpoint("c", "$.root.children[1]", "192.0.2.3") with { Region = "eu-west-1" }],
        };

        var plan = Replan(SampleTrees.With(latency), zone);

        var batch = Assert.Single(Assert.Single(plan.Layers).ChangeBatches);
        Assert.Equal(
            ["DELETE t.example.com A [a]", "DELETE t.example.com A [b]", "CREATE t.example.com A [a]", "CREATE t.example.com A [c]"],
            batch.Changes.Select(c => c.Describe()));
        Assert.Equal(new PlanSummary(1, 1, 1, 0, 0, 2), plan.Summary);
    }

    [Fact]
    public void A_failover_role_moving_to_a_new_node_is_swapped_atomically()
    {
        TreeNode Failover(string primary) => new()
        {
            Id = "root", Path = "$.root", Routing = RoutingPolicy.Failover,
            Primary = SampleTrees.Endpoint(primary, "$.root.primary", "192.0.2.1", new HealthCheckSettings()),
            Secondary = SampleTrees.Endpoint("backup", "$.root.secondary", "192.0.2.2"),
        };
        var zone = Applied(SampleTrees.With(Failover("old")));

        var plan = Replan(SampleTrees.With(Failover("new")), zone);
        zone.Apply(plan);

        var records = plan.Layers.Single(l => l.Name == "leaf-records").ChangeBatches;
        Assert.Equal(["DELETE t.example.com A [old]", "CREATE t.example.com A [new]"],
            Assert.Single(records).Changes.Select(c => c.Describe()));
        Assert.DoesNotContain(plan.LayerNames(), n => n.StartsWith("delete-"));
        Assert.True(Replan(SampleTrees.With(Failover("new")), zone).IsEmpty);
    }

    [Fact]
    public void A_record_someone_else_made_at_the_same_key_is_a_conflict_and_left_alone()
    {
        var zone = new InMemoryZone("t", "Z0000000000000000000A");
        zone.AddForeign(
            new ResourceRecordSet { Name = "t.example.com", Type = "A", SetIdentifier = "a", Weight = 5, Ttl = 300,
            ResourceRecords = ["203.0.113.5"] });

        var plan = Replan(SampleTrees.With(Weighted(("a", "192.0.2.1"), ("b", "192.0.2.2"))), zone);

        Assert.Equal(["t.example.com A [a]", "t.example.com A [b]"], plan.Conflicts.Select(c => c.Key.ToString()));
        Assert.Contains("does not own", plan.Conflicts[0].Reason);
        Assert.Contains("already holds this record set", plan.Conflicts[0].Reason);
        Assert.Empty(plan.AllChanges());
    }

    [Fact]
    public void A_foreign_simple_record_at_the_tree_name_blocks_the_whole_group()
    {
        var zone = new InMemoryZone("t", "Z0000000000000000000A");
        var foreign = new ResourceRecordSet { Name = "t.example.com", Type = "A", Ttl = 300, ResourceRecords = ["203.0.113.5"] };
        zone.AddForeign(foreign);

        var plan = Replan(SampleTrees.With(Weighted(("a", "192.0.2.1"))), zone);

        var conflict = Assert.Single(plan.Conflicts);
        Assert.Contains("t.example.com A", conflict.Reason);
        Assert.Empty(plan.AllChanges());
        Assert.True(plan.HasConflicts);
    }

    [Fact]
    public void A_foreign_record_of_another_type_conflicts_only_with_a_cname()
    {
        var zone = new InMemoryZone("t", "Z0000000000000000000A");
        zone.AddForeign(new ResourceRecordSet { Name = "t.example.com", Type = "TXT", Ttl = 300, ResourceRecords = ["\"v=spf1 -all\""] });
        var cnameTree = SampleTrees.With(SampleTrees.Endpoint("only", "$.root", "origin.example.net"), recordType: "CNAME");

        Assert.Empty(Replan(SampleTrees.With(Weighted(("a", "192.0.2.1"))), zone).Conflicts);
        Assert.Contains("CNAME", Assert.Single(Replan(cnameTree, zone).Conflicts).Reason);
    }

    [Fact]
    public void Foreign_records_at_other_names_are_never_touched()
    {
        var zone = Applied(SampleTrees.With(Weighted(("a", "192.0.2.1"))));
        zone.AddForeign(new ResourceRecordSet { Name = "other.example.com", Type = "A", Ttl = 300, ResourceRecords = ["203.0.113.5"] });

        var teardown = Planner.Teardown("t", "Z0000000000000000000A", zone.State);
        zone.Apply(teardown);

        Assert.Equal("other.example.com", Assert.Single(zone.Records).Name);
    }

    [Fact]
    public void Changing_the_record_type_from_a_to_cname_replaces_the_name_in_one_batch()
    {
        var zone = Applied(SampleTrees.With(SampleTrees.Endpoint("only", "$.root", "192.0.2.1")));

        var plan = Replan(SampleTrees.With(SampleTrees.Endpoint("only", "$.root", "origin.example.net"), recordType: "CNAME"), zone);

        Assert.Equal(["DELETE t.example.com A", "CREATE t.example.com CNAME"],
            Assert.Single(Assert.Single(plan.Layers).ChangeBatches).Changes.Select(c => c.Describe()));
        zone.Apply(plan);
        Assert.Equal("CNAME", Assert.Single(zone.Records).Type);
    }

    [Fact]
    public void An_owned_record_changed_by_hand_is_set_back()
    {
        var spec = SampleTrees.With(Weighted(("a", "192.0.2.1")));
        var zone = Applied(spec);
        var state = zone.State;
        var drifted = state.Records.Select(r => r with { Weight = 99 }).ToList();

        var plan = Planner.Plan(TreeCompiler.Compile(spec), state with { Records = drifted });

        Assert.Equal("UPSERT t.example.com A [a]", Assert.Single(plan.AllChanges()).Describe());
    }

    [Fact]
    public void Inserting_a_level_moves_the_parent_alias_only_after_the_new_helper_exists()
    {
        var flat = SampleTrees.Www();
        var zone = Applied(flat);
        // Wrap the weighted rule use1 in a new weighted rule: use1 now lives one level deeper.
        var regions = flat.Root.Primary!;
        var wrapped = flat with
        {
            Root = flat.Root with
            {
                Primary = regions with
                {
                    Children =
                    [
                        new TreeNode { Id = "use1-wrap", Path = "$.root.primary.children[0]", Region = "us-east-1",
                            Routing = RoutingPolicy.Weighted, Children = [regions.Children[0] with { Region = null, Weight = 1 }] },
                        regions.Children[1],
                    ],
                },
            },
        };

        var plan = Replan(wrapped, zone);
        zone.Apply(plan);

        Assert.Equal(["alias-level-1", "alias-level-2"], plan.LayerNames());
        Assert.Equal(["CREATE _use1-wrap.www.example.com A [use1]"], plan.Layer("alias-level-1").Changes().Select(c => c.Describe()));
        // use1-wrap takes over us-east-1 from use1: one latency record per region, so both go in one batch.
        Assert.Equal(
            ["DELETE _regions.www.example.com A [use1]", "CREATE _regions.www.example.com A [use1-wrap]"],
            Assert.Single(plan.Layer("alias-level-2").ChangeBatches).Changes.Select(c => c.Describe()));
        Assert.True(Replan(wrapped, zone).IsEmpty);
    }
}
