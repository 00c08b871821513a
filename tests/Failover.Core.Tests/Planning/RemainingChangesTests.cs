using Failover.Core.Planning;
using Failover.Core.Route53;

namespace Failover.Core.Tests.Planning;

[Trait("Category", "Unit")]
public class RemainingChangesTests
{
    private static ResourceRecordSet Weighted(string id, long weight, string value = "192.0.2.1") => new()
    {
        Name = "_w.t.example.com", Type = "A", SetIdentifier = id, Weight = weight, Ttl = 60, ResourceRecords = [value],
    };

    private static ResourceRecordSet Simple(string value) =>
        new() { Name = "_w.t.example.com", Type = "A", Ttl = 60, ResourceRecords = [value] };

    private static Dictionary<RecordKey, ResourceRecordSet> Zone(params ResourceRecordSet[] records) => records.ToDictionary(r => r.Key);

    private static HashSet<RecordKey> Owned(params ResourceRecordSet[] records) => records.Select(r => r.Key).ToHashSet();

    private static ChangeBatch Batch(params (ChangeAction Action, ResourceRecordSet Record)[] changes) =>
        new(changes.Select(c => new RecordChange(c.Action, c.Record, c.Record.SetIdentifier)).ToList());

    private static IEnumerable<string> Describe(ChangeBatch? batch) =>
        batch?.Changes.Select(c => $"{c.Action} {c.RecordSet.Key} {c.RecordSet.Weight}") ?? [];

    [Fact]
    public void A_batch_not_yet_applied_goes_out_whole()
    {
        var batch = Batch((ChangeAction.Create, Weighted("a", 10)), (ChangeAction.Create, Weighted("b", 20)));

        var remainder = RemainingChanges.Of(batch, Zone(), Owned());

        Assert.Equal(Describe(batch), Describe(remainder.Batch));
        Assert.Empty(remainder.Conflicts);
    }

    [Fact]
    public void A_batch_the_zone_already_holds_leaves_nothing_to_do()
    {
        var a = Weighted("a", 10);
        var b = Weighted("b", 20);
        var gone = Weighted("c", 5);

        var remainder = RemainingChanges.Of(
            Batch((ChangeAction.Create, a), (ChangeAction.Upsert, b), (ChangeAction.Delete, gone)),
            Zone(a, b), Owned(a, b, gone));

        Assert.Null(remainder.Batch);
        Assert.Empty(remainder.Conflicts);
    }

    [Fact]
    public void A_deletion_sends_the_record_as_the_zone_holds_it()
    {
        var planned = Weighted("a", 10);
        var inZone = Weighted("a", 10, "192.0.2.99");

        var remainder = RemainingChanges.Of(Batch((ChangeAction.Delete, planned)), Zone(inZone), Owned(inZone));

        var change = Assert.Single(remainder.Batch!.Changes);
        Assert.Equal(ChangeAction.Delete, change.Action);
        Assert.Equal(["192.0.2.99"], change.RecordSet.ResourceRecords);
    }

    [Fact]
    public void A_record_someone_else_wrote_at_a_key_since_the_plan_stops_the_batch()
    {
        var foreign = Weighted("a", 99, "203.0.113.9");

        var remainder =
            RemainingChanges.Of(Batch((ChangeAction.Create, Weighted("a", 10)), (ChangeAction.Create, Weighted("b", 20))), Zone(foreign),
            Owned());

        Assert.Null(remainder.Batch);
        var conflict = Assert.Single(remainder.Conflicts);
        Assert.Equal(foreign.Key, conflict.Key);
        Assert.Contains("does not own", conflict.Reason);
    }

    [Fact]
    public void A_record_of_ours_with_other_values_is_overwritten()
    {
        var ours = Weighted("a", 1);

        var remainder = RemainingChanges.Of(Batch((ChangeAction.Create, Weighted("a", 10))), Zone(ours), Owned(ours));

        Assert.Equal(["Upsert _w.t.example.com A [a] 10"], Describe(remainder.Batch));
    }

    [Fact]
    public void A_record_no_longer_ours_is_not_deleted()
    {
        var someoneElses = Weighted("a", 10);

        var remainder = RemainingChanges.Of(Batch((ChangeAction.Delete, someoneElses)), Zone(someoneElses), Owned());

        Assert.Null(remainder.Batch);
        Assert.Empty(remainder.Conflicts);
    }

    [Fact]
    public void A_policy_switch_already_applied_is_not_repeated_and_one_not_applied_goes_out_in_order()
    {
        var old = Simple("192.0.2.1");
        var replacement = Weighted("a", 10);
        var sameKeyOld = Weighted("b", 5);
        var sameKeyNew = Weighted("b", 7);
        var batch =
            Batch((ChangeAction.Delete, old), (ChangeAction.Delete, sameKeyOld), (ChangeAction.Create, replacement),
            (ChangeAction.Create, sameKeyNew));

        var applied = RemainingChanges.Of(batch, Zone(replacement, sameKeyNew), Owned(old, replacement, sameKeyNew));
        var pending = RemainingChanges.Of(batch, Zone(old, sameKeyOld), Owned(old, sameKeyOld, replacement, sameKeyNew));

        Assert.Null(applied.Batch);
        Assert.Equal(Describe(batch), Describe(pending.Batch));
    }

    [Fact]
    public void The_zone_state_carries_each_batch_to_the_next()
    {
        var a = Weighted("a", 10);
        var zone = Zone();

        var first = RemainingChanges.Of(Batch((ChangeAction.Create, a)), zone, Owned(a));
        var second = RemainingChanges.Of(Batch((ChangeAction.Create, a)), zone, Owned(a));

        Assert.NotNull(first.Batch);
        Assert.Null(second.Batch);
        Assert.Same(a, zone[a.Key]);
    }
}
