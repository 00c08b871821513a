using Failover.Service.Apply;
using Failover.Core.Route53;
using Failover.Service.Workflow;
using Failover.Service.Workflow.Steps;

namespace Failover.Aws.Tests.Workflow;

/// <summary>
/// A leaf may attach an existing health check by id, unless the check carries another tree's tag: that tree's clean-up
/// would delete it under this tree's records. The Plan step reads the tags (ten a request) and refuses before any write.
/// </summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class NamedHealthCheckPlanTests(MotoFixture moto)
{
    private static async Task<string> CheckAsync(WorkflowHarness harness, string? ownerTree)
    {
        var check = await harness.Route53.CreateHealthCheckAsync("named-" + Guid.NewGuid().ToString("N"),
            new HealthCheckConfig { Type = "TCP", IpAddress = "192.0.2.50", Port = 443 });
        if (ownerTree is not null) await harness.Route53.ChangeTagsForResourceAsync(check.Id, HealthCheckTags.For(ownerTree, "web"));
        return check.Id;
    }

    private static string PoolNaming(string healthCheckId) => $$"""
        [{ "id": "web1", "weight": 10, "endpoint": { "values": ["192.0.2.11"], "healthCheckId": "{{healthCheckId}}" } },
         { "id": "web2", "weight": 10, "endpoint": { "values": ["192.0.2.12"], "healthCheck": {} } }]
        """;

    [Fact]
    public async Task Plan_refuses_a_check_tagged_as_another_trees_and_writes_nothing()
    {
        var harness = await WorkflowHarness.NewAsync(moto);
        var tree = WorkflowHarness.NewTreeName();
        var foreign = await CheckAsync(harness, ownerTree: "someone-elses-tree");
        var started = await harness.Starter.ApplyAsync(harness.Spec(tree, pool: PoolNaming(foreign)));
        var zoneBefore = (await harness.ZoneRecordsAsync()).Select(WorkflowHarness.Describe).Order().ToList();

        var outcome = await harness.DriveWithRollbackAsync(started.RunId);

        Assert.Equal(("ROLLED_BACK", WorkflowErrors.ForeignHealthCheck), (outcome.Status, outcome.Error));
        Assert.Contains($"health check {foreign} is tagged as tree 'someone-elses-tree'", outcome.Cause);
        Assert.Contains("$.root.primary.children[0].endpoint.healthCheckId", outcome.Cause);
        Assert.Equal(zoneBefore, (await harness.ZoneRecordsAsync()).Select(WorkflowHarness.Describe).Order());
        Assert.Empty(await harness.HealthChecksOfAsync(tree));
        Assert.Equal("someone-elses-tree",
            HealthCheckTags.Find(await harness.Route53.ListTagsForResourceAsync(foreign), HealthCheckTags.Tree));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_check_tagged_as_this_trees_or_untagged_is_attached(bool taggedAsThisTree)
    {
        var harness = await WorkflowHarness.NewAsync(moto);
        var tree = WorkflowHarness.NewTreeName();
        var named = await CheckAsync(harness, taggedAsThisTree ? tree : null);
        var started = await harness.Starter.ApplyAsync(harness.Spec(tree, pool: PoolNaming(named)));

        var outcome = await harness.DriveAsync(started.RunId);

        Assert.Equal("SUCCEEDED", outcome.Status);
        Assert.Contains(await harness.ZoneRecordsAsync(), r => r.SetIdentifier == "web1" && r.HealthCheckId == named);
    }

    [Fact]
    public async Task Tags_are_read_ten_checks_a_request_and_a_missing_check_is_left_to_Route_53()
    {
        var harness = await WorkflowHarness.NewAsync(moto);
        var tree = WorkflowHarness.NewTreeName();
        var ids = new List<string>();
        for (var i = 0; i < 11; i++) ids.Add(await CheckAsync(harness, i == 10 ? "other-tree" : i % 2 == 0 ? tree : null));
        var children = string.Join(",", ids.Select((id, i) =>
            $$"""{ "id": "web{{i}}", "weight": 1, "endpoint": { "values": ["192.0.2.{{i + 1}}"], "healthCheckId": "{{id}}" } }"""));
        var spec = harness.Spec(tree, pool: $"[{children}]");
        var before = harness.Route53Requests.Count;

        var foreign = await NamedHealthChecks.FindForeignAsync(harness.Route53, spec);

        Assert.Equal(2, harness.Route53Requests.Count - before);
        var found = Assert.Single(foreign);
        Assert.Equal((ids[10], "other-tree", "web10"), (found.HealthCheckId, found.OwnerTree, found.NodeId));
    }
}
