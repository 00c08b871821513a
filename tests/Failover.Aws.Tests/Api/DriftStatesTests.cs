using Failover.Service.Adapters;
using Failover.Core.Diagram;
using Failover.Core.Drift;
using Failover.Core.Route53;
using Failover.Core.Contracts;

namespace Failover.Aws.Tests.Api;

[Trait("Category", "Unit")]
public sealed class DriftStatesTests
{
    [Fact]
    public void Nodes_are_missing_or_changed_by_their_items_and_missing_wins()
    {
        var record = new RecordKey("www.example.com", "A", "a");
        var report = new DriftReport("www", "Z1", "www.example.com",
        [
            new DriftItem(DriftKind.RecordChanged) { Record = record, NodeId = "a" },
            new DriftItem(DriftKind.RecordMissing) { Record = record, NodeId = "a" },
            new DriftItem(DriftKind.HealthCheckChanged) { NodeId = "b", HealthCheckId = "hc" },
            new DriftItem(DriftKind.RecordHealthCheckDeleted) { Record = record, NodeId = "c", HealthCheckId = "gone" },
            new DriftItem(DriftKind.HealthCheckMissing) { NodeId = "d" },
            new DriftItem(DriftKind.RecordExtra) { Record = record, Place = ExtraRecordPlace.TreeGroup, Owned = false },
        ]);

        var states = TreeDriftChecks.StatesOf(DriftReportJson.Read(DriftReportJson.Write(report, indented: false)));

        Assert.Equal(
            new Dictionary<string, DriftState> { ["a"] = DriftState.Missing, ["b"] = DriftState.Changed,
                ["c"] = DriftState.Changed, ["d"] = DriftState.Missing },
            states);
    }
}
