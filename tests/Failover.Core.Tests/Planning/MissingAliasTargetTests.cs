using Failover.Core.Compilation;
using Failover.Core.Planning;
using Failover.Core.Route53;
using Failover.Core.Spec;
using Failover.Testing;

namespace Failover.Core.Tests.Planning;

/// <summary>An alias leaf to a record of the tree's zone that the zone lacks is a conflict, once the reader looked for it.</summary>
[Trait("Category", "Unit")]
public class MissingAliasTargetTests
{
    private static readonly CompiledTree Tree = TreeCompiler.Compile(SampleTrees.With(new TreeNode
    {
        Id = "root", Path = "$.root", Routing = RoutingPolicy.Weighted,
        Children =
        [
            SampleTrees.Endpoint("a", "$.root.children[0]", "192.0.2.1") with { Weight = 1 },
            new TreeNode { Id = "b", Path = "$.root.children[1]", Weight = 1,
                Alias = new AliasSpec { DnsName = "origin.example.com", HostedZoneId = "Z0000000000000000000A" } },
        ],
    }));

    [Fact]
    public void The_reader_is_asked_for_the_target_and_not_for_the_trees_own_names()
    {
        Assert.Equal(["origin.example.com"], MissingAliasTargets.NamesToRead(Tree));
    }

    [Theory]
    [InlineData(true, false, true)]
    [InlineData(true, true, false)]
    [InlineData(false, false, false)]
    public void A_target_read_and_missing_is_a_conflict(bool read, bool exists, bool conflict)
    {
        ResourceRecordSet[] records = exists
            ? [new ResourceRecordSet { Name = "origin.example.com", Type = "A", Ttl = 60, ResourceRecords = ["192.0.2.9"] }]
            : [];
        var actual = new ActualState(records, [], new HashSet<RecordKey>())
        {
            AliasTargetNames = read ? new HashSet<string>(["origin.example.com"]) : null,
        };

        var plan = Planner.Plan(Tree, actual);

        Assert.Equal(conflict, plan.HasConflicts);
        if (conflict)
            Assert.Contains("origin.example.com (A) does not exist", Assert.Single(plan.Conflicts).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_target_of_another_type_only_is_a_conflict()
    {
        var actual = new ActualState([new ResourceRecordSet { Name = "origin.example.com", Type = "AAAA", Ttl = 60,
            ResourceRecords = ["2001:db8::9"] }], [], new HashSet<RecordKey>())
        {
            AliasTargetNames = new HashSet<string>(["origin.example.com"]),
        };

        var plan = Planner.Plan(Tree, actual);

        Assert.Contains("origin.example.com (A) exists only as AAAA", Assert.Single(plan.Conflicts).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_target_the_same_plan_deletes_is_a_conflict()
    {
        // The tree wrote origin.example.com itself before; this version aliases to it and no longer writes it.
        var origin = new ResourceRecordSet { Name = "origin.example.com", Type = "A", Ttl = 60, ResourceRecords = ["192.0.2.9"] };
        var actual = new ActualState([origin], [], new HashSet<RecordKey>([origin.Key]))
        {
            AliasTargetNames = new HashSet<string>(["origin.example.com"]),
        };

        var plan = Planner.Plan(Tree, actual);

        Assert.Contains("origin.example.com (A) is deleted by this same plan", Assert.Single(plan.Conflicts).Reason,
            StringComparison.Ordinal);
    }
}
