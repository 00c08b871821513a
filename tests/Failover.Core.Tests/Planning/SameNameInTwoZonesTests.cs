using Failover.Core.Contracts;
using Failover.Core.Compilation;
using Failover.Core.Planning;
using Failover.Core.Route53;
using Failover.Core.Spec;
using Failover.Core.Tests.Validation;
using Failover.Testing;
using static Failover.Core.Tests.Validation.AttachmentRuleCases;

namespace Failover.Core.Tests.Planning;

/// <summary>
/// One name in two hosted zones of one domain (a public and a private zone, or a zone replaced by a new one): two places,
/// each with its own record sets, whether two attachments answer there or a version moves the tree from one to the other.
/// </summary>
[Trait("Category", "Unit")]
public class SameNameInTwoZonesTests
{
    private const string Public = "Z0000000000000000000A";
    private const string Private = "Z0000000000000000000P";

    private static TreeSpec Load(SpecDocument document)
    {
        var result = SpecLoader.Load(document.Text);
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        return result.Spec!;
    }

    private static TreeSpec BothZones() =>
        Load(SpecDocument.Www().Set("attachments", Attachments(Attachment(Private, "example.com", "www.example.com"))));

    [Fact]
    public void The_same_name_attached_in_two_zones_is_valid_and_each_zone_gets_every_record()
    {
        var desired = TreeCompiler.Compile(BothZones());
        var plan = Planner.Plan(desired, ActualState.Empty);

        var batches = plan.Layers.SelectMany(l => l.ChangeBatches).ToList();
        List<RecordKey> KeysIn(string? zone) =>
            [.. batches.Where(b => b.HostedZoneId == zone).SelectMany(b => b.Changes).Select(c => c.RecordSet.Key.WithoutZone)];
        var inPublic = KeysIn(null);
        var inPrivate = KeysIn(Private);
        Assert.NotEmpty(inPublic);
        Assert.Equal(inPublic.Order(KeyText.Instance), inPrivate.Order(KeyText.Instance));
        Assert.Equal(2 * inPublic.Count, plan.Summary.RecordsCreated);
        Assert.Equal(desired.AllRecords.Count, desired.AllRecords.Select(r => r.RecordSet.Key).Distinct().Count());
    }

    [Fact]
    public void Once_applied_in_both_zones_nothing_is_planned_and_a_record_missing_in_one_zone_is_created_there_only()
    {
        var desired = TreeCompiler.Compile(BothZones());
        var records = desired.AllRecords.Select(r => r.RecordSet).ToList();
        var owned = records.Select(r => r.Key).ToHashSet();
        Assert.Empty(Planner.Plan(desired, new ActualState(records, [], owned)).Layers.SelectMany(l => l.ChangeBatches));

        var lost = records.First(r => r.Zone == Private && r.AliasTarget is null);
        var plan = Planner.Plan(desired, new ActualState(records.Where(r => r != lost).ToList(), [], owned));

        var change = Assert.Single(
            plan.Layers.SelectMany(l => l.ChangeBatches).SelectMany(b => b.Changes.Select(c => (b.HostedZoneId, c))));
        Assert.Equal((Private, ChangeAction.Create, lost.Key), (change.HostedZoneId, change.c.Action, change.c.RecordSet.Key));
    }

    [Fact]
    public void A_version_in_another_zone_creates_every_record_there_before_deleting_the_old_zones()
    {
        var before = TreeCompiler.Compile(Load(SpecDocument.Www()));
        // What the old zone holds, seen from the new version (the store keeps each record's zone).
        var old = before.Records.Select(r => r.RecordSet with { Zone = Public }).ToList();
        var moved = TreeCompiler.Compile(Load(SpecDocument.Www().Set("hostedZoneId", $"\"{Private}\"")));
        var plan = Planner.Plan(moved, new ActualState(old, [], old.Select(r => r.Key).ToHashSet()));

        var batches = plan.Layers.SelectMany(l => l.ChangeBatches).ToList();
        var lastCreate = batches.FindLastIndex(b => b.HostedZoneId is null);
        var firstDelete = batches.FindIndex(b => b.HostedZoneId == Public);
        Assert.True(lastCreate >= 0 && firstDelete > lastCreate, $"creates end at {lastCreate}, deletes start at {firstDelete}");
        Assert.All(batches.Where(b => b.HostedZoneId is null).SelectMany(b => b.Changes), c => Assert.Equal(ChangeAction.Create, c.Action));
        Assert.All(batches.Where(b => b.HostedZoneId == Public).SelectMany(b => b.Changes),
            c => Assert.Equal(ChangeAction.Delete, c.Action));
        Assert.Equal((old.Count, old.Count), (plan.Summary.RecordsCreated, plan.Summary.RecordsDeleted));
        Assert.Empty(plan.Conflicts);
    }

    [Fact]
    public void A_record_of_the_same_name_in_the_other_zone_that_the_tree_does_not_own_blocks_only_that_zone()
    {
        var desired = TreeCompiler.Compile(BothZones());
        var foreign = desired.AllRecords.First(r => r.RecordSet.Zone == Private && r.RecordSet.AliasTarget is null).RecordSet;

        var plan = Planner.Plan(desired, new ActualState([foreign], [], new HashSet<RecordKey>()));

        Assert.Contains(plan.Conflicts, c => c.Key == foreign.Key);
        Assert.All(plan.Conflicts, c => Assert.Equal(Private, c.Key.Zone));
        Assert.All(plan.Conflicts, c => Assert.Contains(Private, c.ToString(), StringComparison.Ordinal));
        // The plan document keeps the zone: read back, the conflict is not mistaken for one in the public zone.
        Assert.Equal(plan.Conflicts, PlanJson.Read(PlanJson.Write(plan)).Conflicts);
        // The public zone's copy of the same name is planned as if the private one were not there.
        Assert.Contains(plan.Layers.SelectMany(l => l.ChangeBatches).Where(b => b.HostedZoneId is null).SelectMany(b => b.Changes),
            c => c.RecordSet.Key == foreign.Key.WithoutZone);
    }

    private sealed class KeyText : IComparer<RecordKey>
    {
        public static KeyText Instance { get; } = new();
        public int Compare(RecordKey x, RecordKey y) => string.CompareOrdinal(x.ToString(), y.ToString());
    }
}
