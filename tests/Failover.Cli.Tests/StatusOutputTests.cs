using Failover.Cli.Workflow;
using Failover.Core.Route53;
using Failover.Core.Spec;
using Failover.Service.Progress;
using Failover.Testing;
using TreeStatus = Failover.Cli.Workflow.TreeStatus;
using TreeState = Failover.Service.Progress.TreeStatus;

namespace Failover.Cli.Tests;

/// <summary><c>failover status --json</c>, pinned to the golden file the hand-written writer produced (member order aside).</summary>
[Trait("Category", "Unit")]
public sealed class StatusOutputTests
{
    private const string Folder = "tests/Failover.Cli.Tests/Golden";
    private static readonly DateTimeOffset Moment = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    internal static TreeStatus Failed()
    {
        var descriptor = new TreeDescriptor("shop", "Z0000000000000000000A", "shop.example.com", "A", DriftPolicy.Repair);
        var tree = new TreeRecord(descriptor, TreeState.Failed, 1, 2, "run-2", RunStatus.RolledBack, Moment, Moment.AddMinutes(5));
        var versions = new[]
        {
            new VersionInfo("shop", 2, descriptor, new string('b', 64), Moment.AddMinutes(4)),
            new VersionInfo("shop", 1, descriptor, new string('a', 64), Moment),
        };
        var run = new RunRecord("run-2", "shop", 2, RunKind.Apply, RunStatus.RolledBack,
            "arn:aws:states:us-east-1:123456789012:execution:failover:run-2",
            "alias-level-1: InvalidChangeBatch", true, Moment.AddMinutes(4), Moment.AddMinutes(5), Moment.AddMinutes(5).AddSeconds(12.5));
        var nodes = new[]
        {
            new NodeProgress("run-2", "main", "leaf-records", NodeStatus.Done, [new RecordKey("_root.shop.example.com", "A", "main")],
                "hc-1", "C123", null, Moment, Moment, Moment.AddSeconds(5), Moment.AddSeconds(30)),
            new NodeProgress("run-2", "root", "alias-level-1", NodeStatus.Failed, [new RecordKey("shop.example.com", "A", null)],
                null, null, "InvalidChangeBatch: no target", Moment, Moment, Moment.AddSeconds(31), Moment.AddSeconds(32)),
            new NodeProgress("run-2", "old", null, NodeStatus.Pending, [], null, null, null, Moment, Moment, null, null),
        };
        return new TreeStatus(tree, versions, run, nodes);
    }

    [Fact]
    public void Status_json_means_what_it_meant()
    {
        GoldenJson.AssertEquivalent(Folder, "status", TreeStatusWriter.Json(Failed()));
        var never = Failed() with
        {
            Tree = Failed().Tree with { CurrentVersion = null, Status = TreeState.New, LastRunId = null }, LastRun = null, Nodes = [],
        };
        GoldenJson.AssertEquivalent(Folder, "status-never-run", TreeStatusWriter.Json(never));
    }
}
