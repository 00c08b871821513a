using Failover.Core.Compilation;
using Failover.Core.Health;
using Failover.Core.Planning;
using Failover.Core.Tests.Drift;

namespace Failover.Core.Tests.Health;

[Trait("Category", "Unit")]
public sealed class NodeHealthChecksTests
{
    private static readonly CompiledTree Desired = TreeCompiler.Compile(DriftTrees.Weighted("external-7"));

    private static ExistingHealthCheck Found(string nodeId, string id, string? reference = null) =>
        new(id, reference ?? Desired.HealthChecks.Single(c => c.NodeId == nodeId).CallerReference,
            Desired.HealthChecks.Single(c => c.NodeId == nodeId).Config, "api", nodeId);

    [Fact]
    public void Each_endpoint_gets_its_own_check_and_a_named_check_is_used_as_named()
    {
        var located = NodeHealthChecks.Locate(Desired, [Found("a", "hc-a"), Found("b", "hc-b"), Found("main", "hc-main")]);

        Assert.Equal(
            [new NodeHealthCheck("a", "hc-a"), new NodeHealthCheck("b", "hc-b"), new NodeHealthCheck("main", "hc-main"),
                new NodeHealthCheck("spare", "external-7")],
            located.OrderBy(c => c.NodeId, StringComparer.Ordinal));
        Assert.True(NodeHealthChecks.Any(Desired));
    }

    [Fact]
    public void The_check_with_the_current_reference_wins_over_an_older_one_tagged_with_the_same_node()
    {
        var located = NodeHealthChecks.Locate(Desired, [Found("a", "hc-old", reference: "stale-reference"), Found("a", "hc-new")]);
        Assert.Equal("hc-new", located.Single(c => c.NodeId == "a").HealthCheckId);

        // Only the old one left (the run replacing it has not created the new one yet): that is the one Route 53 uses.
        var onlyOld = NodeHealthChecks.Locate(Desired, [Found("a", "hc-old", reference: "stale-reference")]);
        Assert.Equal("hc-old", onlyOld.Single(c => c.NodeId == "a").HealthCheckId);
    }

    [Fact]
    public void An_endpoint_whose_check_was_not_found_is_left_out()
    {
        var located = NodeHealthChecks.Locate(Desired, [Found("b", "hc-b")]);
        Assert.Equal(["b", "spare"], located.Select(c => c.NodeId).Order(StringComparer.Ordinal));
    }
}
