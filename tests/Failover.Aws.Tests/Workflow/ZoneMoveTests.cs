using Failover.Core.Contracts;
using Failover.Core.Route53;

namespace Failover.Aws.Tests.Workflow;

/// <summary>
/// A version that moves an applied tree to another hosted zone (here one of the same name, as a public zone replaced by a
/// new one, or a name moving between a public and a private zone): planned make-before-break across the two zones, with
/// the progress store keeping the same name in both zones apart.
/// </summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class ZoneMoveTests(MotoFixture moto)
{
    [Fact]
    public async Task A_version_in_another_zone_creates_there_first_then_deletes_in_the_old_zone_and_a_rollback_moves_it_back()
    {
        var harness = await WorkflowHarness.NewAsync(moto);
        var tree = WorkflowHarness.NewTreeName();
        var first = await harness.Starter.ApplyAsync(harness.Spec(tree), force: true);
        Assert.Equal("SUCCEEDED", (await harness.DriveAsync(first.RunId, force: true)).Status);
        var built = Described(await harness.ZoneRecordsAsync());
        var other = (await harness.Route53.CreateHostedZoneAsync(harness.ZoneName, Guid.NewGuid().ToString())).HostedZone;

        var moved = harness.Spec(tree) with { HostedZoneId = other.Id };
        var move = await harness.Starter.ApplyAsync(moved, force: true);
        Assert.Equal("SUCCEEDED", (await harness.DriveAsync(move.RunId, force: true)).Status);

        Assert.Equal(built, Described(await RecordsAsync(harness, other.Id)));
        Assert.Empty(Described(await harness.ZoneRecordsAsync()));
        Assert.All(await harness.Store.GetOwnedRecordsAsync(tree), k => Assert.Equal(other.Id, k.Zone));
        Assert.Equal(tree, await harness.Store.GetRecordNameOwnerAsync(other.Id, moved.RecordName, "A"));
        Assert.Null(await harness.Store.GetRecordNameOwnerAsync(harness.Zone.Id, moved.RecordName, "A"));
        // Make-before-break: every record of the new zone is written before any of the old zone's is deleted.
        var plan = PlanJson.Read((await harness.Store.GetPlanAsync(move.RunId))!);
        var batches = plan.Layers.SelectMany(l => l.ChangeBatches).ToList();
        var lastCreate = batches.FindLastIndex(b => b.HostedZoneId is null && b.Changes.Any(c => c.Action != ChangeAction.Delete));
        var firstDelete = batches.FindIndex(b => b.HostedZoneId == harness.Zone.Id);
        Assert.True(lastCreate >= 0 && firstDelete > lastCreate, $"creates end at batch {lastCreate}, deletes start at {firstDelete}");
        Assert.All(batches.Where(b => b.HostedZoneId == harness.Zone.Id).SelectMany(b => b.Changes),
            c => Assert.Equal(ChangeAction.Delete, c.Action));
        // The run's node progress tells the old zone's deletions from the new zone's writes of the same names.
        var nodeRecords = (await harness.Store.ListNodesAsync(move.RunId)).SelectMany(n => n.Records).ToList();
        Assert.Contains(nodeRecords, k => k.Zone == harness.Zone.Id);
        Assert.Contains(nodeRecords, k => k.Zone is null && nodeRecords.Contains(k with { Zone = harness.Zone.Id }));

        var back = await harness.Starter.RollbackAsync(tree, 1);
        Assert.Equal("SUCCEEDED", (await harness.DriveAsync(back.RunId, force: true)).Status);
        Assert.Equal(built, Described(await harness.ZoneRecordsAsync()));
        Assert.Empty(Described(await RecordsAsync(harness, other.Id)));
        Assert.All(await harness.Store.GetOwnedRecordsAsync(tree), k => Assert.Equal(harness.Zone.Id, k.Zone));

        var teardown = await harness.Starter.TeardownAsync(tree);
        Assert.Equal("SUCCEEDED", (await harness.DriveAsync(teardown.RunId)).Status);
        Assert.Empty(Described(await harness.ZoneRecordsAsync()));
        Assert.Empty(await harness.Store.GetOwnedRecordsAsync(tree));
    }

    [Fact]
    public async Task A_move_that_fails_after_writing_the_new_zone_rolls_back_there_and_gives_back_the_new_zones_name()
    {
        var harness = await WorkflowHarness.NewAsync(moto);
        var tree = WorkflowHarness.NewTreeName();
        var first = await harness.Starter.ApplyAsync(harness.Spec(tree), force: true);
        await harness.DriveAsync(first.RunId, force: true);
        var built = Described(await harness.ZoneRecordsAsync());
        var other = (await harness.Route53.CreateHostedZoneAsync(harness.ZoneName, Guid.NewGuid().ToString())).HostedZone;
        var moved = harness.Spec(tree) with { HostedZoneId = other.Id };

        var move = await harness.Starter.ApplyAsync(moved, force: true);
        Assert.Equal(tree, await harness.Store.GetRecordNameOwnerAsync(other.Id, moved.RecordName, "A"));
        // The deletions in the old zone never run: the step before them dies.
        var outcome = await harness.DriveWithRollbackAsync(move.RunId, force: true, beforeStep: cursor =>
            cursor.LayerName?.StartsWith("delete", StringComparison.Ordinal) == true
                ? throw new InvalidOperationException("the function died")
                : Task.CompletedTask);

        Assert.Equal("ROLLED_BACK", outcome.Status);
        Assert.Equal(built, Described(await harness.ZoneRecordsAsync()));
        Assert.Empty(Described(await RecordsAsync(harness, other.Id)));
        Assert.All(await harness.Store.GetOwnedRecordsAsync(tree), k => Assert.Equal(harness.Zone.Id, k.Zone));
        Assert.Null(await harness.Store.GetRecordNameOwnerAsync(other.Id, moved.RecordName, "A"));
        Assert.Equal(tree, await harness.Store.GetRecordNameOwnerAsync(harness.Zone.Id, moved.RecordName, "A"));
    }

    [Fact]
    public async Task Records_kept_before_zones_were_part_of_the_key_get_their_zone_when_a_run_starts_so_a_move_deletes_them()
    {
        var harness = await WorkflowHarness.NewAsync(moto);
        var tree = WorkflowHarness.NewTreeName();
        var first = await harness.Starter.ApplyAsync(harness.Spec(tree), force: true);
        await harness.DriveAsync(first.RunId, force: true);
        var built = Described(await harness.ZoneRecordsAsync());
        // The items as an earlier release kept them: no zone in the key, none on the item.
        var owned = await harness.Store.GetOwnedRecordsAsync(tree);
        await harness.Store.RemoveOwnedRecordsAsync(tree, owned);
        await harness.Store.AddOwnedRecordsAsync(tree, null, owned.Select(k => k.WithoutZone));
        Assert.All(await harness.Store.GetOwnedRecordsAsync(tree), k => Assert.Null(k.Zone));
        var other = (await harness.Route53.CreateHostedZoneAsync(harness.ZoneName, Guid.NewGuid().ToString())).HostedZone;

        var move = await harness.Starter.ApplyAsync(harness.Spec(tree) with { HostedZoneId = other.Id }, force: true);
        Assert.Equal("SUCCEEDED", (await harness.DriveAsync(move.RunId, force: true)).Status);

        Assert.Empty(Described(await harness.ZoneRecordsAsync()));
        Assert.Equal(built, Described(await RecordsAsync(harness, other.Id)));
        var now = await harness.Store.GetOwnedRecordsAsync(tree);
        Assert.Equal(owned.Count, now.Count);
        Assert.All(now, k => Assert.Equal(other.Id, k.Zone));
        Assert.Equal(0, await harness.Store.MigrateOwnedRecordsAsync(tree, other.Id));
    }

    private static async Task<List<ResourceRecordSet>> RecordsAsync(WorkflowHarness harness, string zone)
    {
        var records = new List<ResourceRecordSet>();
        await foreach (var record in harness.Route53.ListAllResourceRecordSetsAsync(zone)) records.Add(record);
        return records;
    }

    private static List<string> Described(IEnumerable<ResourceRecordSet> records) =>
        [.. records.Where(r => r.Type is not ("NS" or "SOA")).Select(WorkflowHarness.Describe).Order(StringComparer.Ordinal)];
}
