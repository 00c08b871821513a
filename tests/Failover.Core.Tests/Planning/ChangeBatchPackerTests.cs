using Failover.Core.Compilation;
using Failover.Core.Planning;
using Failover.Core.Route53;
using Failover.Testing;

namespace Failover.Core.Tests.Planning;

[Trait("Category", "Unit")]
public class ChangeBatchPackerTests
{
    private static RecordChange Change(ChangeAction action, int i, params string[] values) =>
        new(action,
            new ResourceRecordSet { Name = "t.example.com", Type = "TXT", SetIdentifier = $"r{i}", Weight = 1, Ttl = 60,
            ResourceRecords = values });

    private static void AssertWithin(ChangeBatch batch, ChangeBatchLimits limits)
    {
        var costs = batch.Changes.Select(ChangeCost.Of).ToList();
        Assert.InRange(costs.Sum(c => c.ResourceRecords), 0, limits.MaxResourceRecords);
        Assert.InRange(costs.Sum(c => c.ValueCharacters), 0, limits.MaxValueCharacters);
        Assert.InRange(batch.Changes.Count, 1, limits.MaxChanges);
    }

    [Fact]
    public void A_big_tree_needs_several_batches_in_its_leaf_layer_each_within_route53s_limits()
    {
        var tree = TreeCompiler.Compile(new TreeGenerator(61).Generate(3000));

        var plan = Planner.Plan(tree, ActualState.Empty);

        var leaves = plan.Layer("leaf-records");
        Assert.True(leaves.ChangeBatches.Count >= 3, $"{leaves.ChangeBatches.Count} batches");
        Assert.All(leaves.ChangeBatches, b => AssertWithin(b, ChangeBatchLimits.Route53));
        Assert.Equal(tree.Records.Count(r => r.Level == 0), leaves.Changes().Count);
        // First fit in order: every batch but the last is full enough that the next change would break a limit.
        for (var i = 0; i < leaves.ChangeBatches.Count - 1; i++)
        {
            var batch = leaves.ChangeBatches[i];
            var next = ChangeCost.Of(leaves.ChangeBatches[i + 1].Changes[0]);
            var full = batch.Changes.Sum(c => ChangeCost.Of(c).ResourceRecords) + next.ResourceRecords > 1000
                || batch.Changes.Sum(c => ChangeCost.Of(c).ValueCharacters) + next.ValueCharacters > 32_000
                || batch.Changes.Count + 1 > 1000;
            Assert.True(full, $"batch {i} had room for the next change");
        }
    }

    [Fact]
    public void An_upsert_counts_twice()
    {
        var creates = Enumerable.Range(0, 600).Select(i => Change(ChangeAction.Create, i, "v")).ToList();
        var upserts = Enumerable.Range(0, 600).Select(i => Change(ChangeAction.Upsert, i, "v")).ToList();

        Assert.Single(ChangeBatchPacker.Pack(creates));
        Assert.Equal([500, 100], ChangeBatchPacker.Pack(upserts).Select(b => b.Changes.Count));
        Assert.Equal(new ChangeCost(2, 2), ChangeCost.Of(upserts[0]));
    }

    [Fact]
    public void Value_characters_are_limited_to_32000_per_request()
    {
        var longValue = new string('x', 4000);
        var changes = Enumerable.Range(0, 20).Select(i => Change(ChangeAction.Create, i, longValue, longValue)).ToList();

        var batches = ChangeBatchPacker.Pack(changes);

        // 8,000 characters a change: four fit in 32,000.
        Assert.Equal([4, 4, 4, 4, 4], batches.Select(b => b.Changes.Count));
        Assert.All(batches, b => AssertWithin(b, ChangeBatchLimits.Route53));
    }

    [Fact]
    public void Upserted_characters_count_twice_too()
    {
        var value = new string('x', 4000);
        var changes = Enumerable.Range(0, 8).Select(i => Change(ChangeAction.Upsert, i, value)).ToList();

        Assert.Equal([4, 4], ChangeBatchPacker.Pack(changes).Select(b => b.Changes.Count));
    }

    [Fact]
    public void Alias_changes_carry_no_resource_records_and_are_capped_by_the_change_count()
    {
        var aliases = Enumerable.Range(0, 2500).Select(i => new RecordChange(ChangeAction.Create, new ResourceRecordSet
        {
            Name = "t.example.com", Type = "A", SetIdentifier = $"a{i}", Weight = 1,
                AliasTarget = new AliasTarget("Z1", $"_n{i}.t.example.com", true),
        })).ToList();

        Assert.Equal([1000, 1000, 500], ChangeBatchPacker.Pack(aliases).Select(b => b.Changes.Count));
    }

    [Fact]
    public void An_atomic_group_is_never_split_and_moves_whole_to_the_next_request()
    {
        var limits = new ChangeBatchLimits(MaxResourceRecords: 10);
        IReadOnlyList<RecordChange>[] groups =
        [
            [Change(ChangeAction.Create, 0, "a", "b", "c", "d", "e", "f")],
            [Change(ChangeAction.Delete, 1, "a", "b", "c"), Change(ChangeAction.Create, 2, "a", "b", "c")],
            [Change(ChangeAction.Create, 3, "a")],
        ];

        var batches = ChangeBatchPacker.PackAtomicGroups(groups, limits);

        Assert.Equal([["r0"], ["r1", "r2", "r3"]], batches.Select(b => b.Changes.Select(c => c.RecordSet.SetIdentifier!).ToArray()));
    }

    [Fact]
    public void A_group_over_the_limits_gets_a_request_of_its_own()
    {
        var limits = new ChangeBatchLimits(MaxResourceRecords: 2);
        IReadOnlyList<RecordChange>[] groups =
        [
            [Change(ChangeAction.Create, 0, "a")],
            [Change(ChangeAction.Delete, 1, "a", "b"), Change(ChangeAction.Create, 2, "a", "b")],
            [Change(ChangeAction.Create, 3, "a")],
        ];

        Assert.Equal([1, 2, 1], ChangeBatchPacker.PackAtomicGroups(groups, limits).Select(b => b.Changes.Count));
    }

    [Fact]
    public void Planner_limits_are_injectable_and_policy_switches_stay_in_one_request()
    {
        var limits = new ChangeBatchLimits(MaxResourceRecords: 3);
        var weighted = SampleTrees.With(new Core.Spec.TreeNode
        {
            Id = "root", Path = "$.root", Routing = Core.Spec.RoutingPolicy.Weighted,
            Children = Enumerable.Range(0, 3)
                .Select(i => SampleTrees.Endpoint($"n{i}", $"$.root.children[{i}]", $"192.0.2.{i + 1}") with { Weight = 1 }).ToList(),
        });
        var latency = weighted with
        {
            Root =
                weighted.Root with { Routing = Core.Spec.RoutingPolicy.Latency,
                Children = weighted.Root.Children.Select((c, i) => c with { Weight = null, Region = $"us-west-{i + 1}" }).ToList() },
        };
        var zone = new InMemoryZone("t", weighted.HostedZoneId);

        var first = Planner.Plan(TreeCompiler.Compile(weighted), zone.State, limits);
        zone.Apply(first);
        var switched = Planner.Plan(TreeCompiler.Compile(latency), zone.State, limits);

        Assert.Single(first.Layer("leaf-records").ChangeBatches);
        Assert.Equal(6, Assert.Single(switched.Layer("leaf-records").ChangeBatches).Changes.Count);
    }

    /// <summary>
    /// A policy switch is one request (Route 53 allows one routing policy at a name and type); one of 3,000 values is more
    /// than Route 53 takes (1,000 ResourceRecord elements), so the plan says so before any change instead of the record
    /// layer failing with InvalidChangeBatch.
    /// </summary>
    [Theory]
    [InlineData(100, false)]
    [InlineData(300, true)]
    public void A_policy_switch_too_large_for_one_request_is_a_conflict(int valuesPerEndpoint, bool conflict)
    {
        string[] regions = ["us-west-1", "us-west-2", "eu-west-1", "eu-west-2", "eu-west-3"];
        var weighted = SampleTrees.With(new Core.Spec.TreeNode
        {
            Id = "root", Path = "$.root", Routing = Core.Spec.RoutingPolicy.Weighted,
            Children = Enumerable.Range(0, regions.Length).Select(i => SampleTrees.Endpoint($"n{i}", $"$.root.children[{i}]", "192.0.2.1")
                with { Weight = 1, Endpoint = new Core.Spec.EndpointSpec { Values = Addresses(i, valuesPerEndpoint) } }).ToList(),
        });
        var latency = weighted with
        {
            Root = weighted.Root with { Routing = Core.Spec.RoutingPolicy.Latency,
                Children = weighted.Root.Children.Select((c, i) => c with { Weight = null, Region = regions[i] }).ToList() },
        };
        var zone = new InMemoryZone("t", weighted.HostedZoneId);
        zone.Apply(Planner.Plan(TreeCompiler.Compile(weighted), zone.State));

        var switched = Planner.Plan(TreeCompiler.Compile(latency), zone.State);

        Assert.Equal(conflict, switched.HasConflicts);
        if (conflict) Assert.Contains("3,000 values", Assert.Single(switched.Conflicts).Reason, StringComparison.Ordinal);
    }

    private static List<string> Addresses(int endpoint, int count) =>
        Enumerable.Range(0, count).Select(v => $"10.{endpoint}.{v / 250}.{v % 250}").ToList();
}
