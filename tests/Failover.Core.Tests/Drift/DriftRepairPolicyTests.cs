using Failover.Core.Drift;
using Failover.Core.Route53;
using Failover.Core.Spec;
using Failover.Testing;

namespace Failover.Core.Tests.Drift;

[Trait("Category", "Unit")]
public class DriftRepairPolicyTests
{
    private static readonly RecordKey Key = new("api.example.com", "A", "x");

    private static DriftReport Report(params DriftItem[] items) => new("api", "Z1", "api.example.com", items);

    [Fact]
    public void Report_policy_never_repairs() =>
        Assert.Null(DriftRepairPolicy.Decide(DriftPolicy.Report, Report(new DriftItem(DriftKind.RecordMissing) { Record = Key })));

    [Fact]
    public void Repair_policy_without_drift_does_nothing() =>
        Assert.Null(DriftRepairPolicy.Decide(DriftPolicy.Repair, Report()));

    [Fact]
    public void Repair_policy_with_drift_starts_a_run() =>
        Assert.Equal(DriftRepairStatus.Started,
            DriftRepairPolicy.Decide(DriftPolicy.Repair, Report(new DriftItem(DriftKind.RecordMissing) { Record = Key }))!.Status);

    [Fact]
    public void A_foreign_record_in_the_trees_group_blocks_the_repair_and_is_named()
    {
        var decision = DriftRepairPolicy.Decide(DriftPolicy.Repair, Report(
            new DriftItem(DriftKind.RecordMissing) { Record = Key },
            new DriftItem(DriftKind.RecordExtra) { Record = Key with { SetIdentifier = "canary" },
                Place = ExtraRecordPlace.TreeGroup, Owned = false }))!;
        Assert.Equal(DriftRepairStatus.Blocked, decision.Status);
        Assert.Contains("api.example.com A [canary]", decision.Reason);
    }

    [Fact]
    public void Extra_records_a_run_can_delete_or_that_sit_beside_the_groups_do_not_block()
    {
        var decision = DriftRepairPolicy.Decide(DriftPolicy.Repair, Report(
            new DriftItem(DriftKind.RecordExtra) { Record = Key, Place = ExtraRecordPlace.TreeGroup, Owned = true },
            new DriftItem(DriftKind.RecordExtra) { Record = Key with { Name = "_x.api.example.com" },
                Place = ExtraRecordPlace.HelperName, Owned = false }))!;
        Assert.Equal(DriftRepairStatus.Started, decision.Status);
    }

    [Fact]
    public void Drift_a_run_cannot_change_starts_no_run_but_names_what_to_remove_by_hand()
    {
        // Someone else's record at a name reserved for the tree's rules, and nothing else: a run never deletes what the tree
        // does not own, so a repair would change nothing and start again at every cycle.
        var decision = DriftRepairPolicy.Decide(DriftPolicy.Repair, Report(
            new DriftItem(DriftKind.RecordExtra) { Record = Key with { Name = "_x.api.example.com" },
                Place = ExtraRecordPlace.HelperName, Owned = false }))!;
        Assert.Equal(DriftRepairStatus.Blocked, decision.Status);
        Assert.Contains("_x.api.example.com A [x]", decision.Reason);
    }

    [Fact]
    public void A_deleted_check_the_spec_names_by_id_starts_no_run_while_one_a_run_can_make_or_name_again_does()
    {
        // www's primary names a check by id (healthCheckId); its pool's members have checks of their own.
        var desired = Failover.Core.Compilation.TreeCompiler.Compile(SampleTrees.Www() with
        {
            Root = SampleTrees.Www().Root with { Primary = SampleTrees.Www().Root.Primary! with { HealthCheckId = "hc-by-hand" } },
        });
        var byId = desired.Records.First(r => r.RecordSet.HealthCheckId == "hc-by-hand");
        var own = desired.Records.First(r => r.RecordSet.HealthCheckId is { } id && id != "hc-by-hand");
        DriftItem Deleted(Failover.Core.Compilation.DesiredRecord record, string id) =>
            new(DriftKind.RecordHealthCheckDeleted) { Record = record.RecordSet.Key, NodeId = record.NodeId, HealthCheckId = id };

        // The record names the very check the spec names, and it is gone: a run cannot make a check of a given id.
        var stuck = DriftRepairPolicy.Decide(DriftPolicy.Repair, Report(Deleted(byId, "hc-by-hand")), desired)!;
        Assert.Equal(DriftRepairStatus.Blocked, stuck.Status);
        Assert.Contains("hc-by-hand", stuck.Reason);
        // A deleted check of the tree's own is made again by the run; a record repointed to a deleted check is named back.
        Assert.Equal(DriftRepairStatus.Started,
            DriftRepairPolicy.Decide(DriftPolicy.Repair, Report(Deleted(own, "hc-gone")), desired)!.Status);
        Assert.Equal(DriftRepairStatus.Started,
            DriftRepairPolicy.Decide(DriftPolicy.Repair, Report(Deleted(byId, "hc-someone-elses")), desired)!.Status);
        // Beside drift a run could mend, it still blocks: a run writing the record would be refused (NoSuchHealthCheck).
        var beside = DriftRepairPolicy.Decide(DriftPolicy.Repair, Report(Deleted(byId, "hc-by-hand"),
            new DriftItem(DriftKind.RecordMissing) { Record = own.RecordSet.Key, NodeId = own.NodeId }), desired)!;
        Assert.Equal(DriftRepairStatus.Blocked, beside.Status);
        Assert.Contains($"health check hc-by-hand of node {byId.NodeId}", beside.Reason);
        // Known from the account's list of ids when the record no longer names it (repointed to another check, or missing).
        var repointed = DriftRepairPolicy.Decide(DriftPolicy.Repair, Report(new DriftItem(DriftKind.RecordChanged)
        {
            Record = byId.RecordSet.Key, NodeId = byId.NodeId, Fields = [new FieldDifference("healthCheckId", "hc-by-hand", "hc-other")],
        }), desired, new HashSet<string> { "hc-other" })!;
        Assert.Equal(DriftRepairStatus.Blocked, repointed.Status);
        Assert.Contains($"health check hc-by-hand of node {byId.NodeId}", repointed.Reason);
    }
}
