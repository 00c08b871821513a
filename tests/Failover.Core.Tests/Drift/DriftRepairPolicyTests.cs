using Failover.Core.Drift;
using Failover.Core.Route53;
using Failover.Core.Spec;

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
}
