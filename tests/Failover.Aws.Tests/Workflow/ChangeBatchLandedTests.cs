using Failover.Core.Route53;
using Failover.Service.Apply;

namespace Failover.Aws.Tests.Workflow;

/// <summary>
/// Whether a batch whose answer was lost is in the zone. Route 53 applies a batch atomically (API reference,
/// ChangeResourceRecordSets: "all of the changes … or none of them"), so the whole outcome decides.
/// </summary>
[Trait("Category", "Unit")]
public sealed class ChangeBatchLandedTests
{
    private static ResourceRecordSet A(string name, string value, string? set = null) =>
        new() { Name = name, Type = "A", Ttl = 60, ResourceRecords = [value], SetIdentifier = set, Weight = set is null ? null : 1 };

    [Fact]
    public void A_batch_whose_creations_and_deletions_are_all_in_the_zone_has_landed()
    {
        var batch = new ChangeBatch([
            new RecordChange(ChangeAction.Create, A("a.example.com", "192.0.2.1", "x")),
            new RecordChange(ChangeAction.Delete, A("a.example.com", "192.0.2.9", "old"))]);

        Assert.True(ChangeBatchSubmitter.HasLanded(batch, [A("a.example.com", "192.0.2.1", "x"), A("b.example.com", "192.0.2.2")]));
    }

    [Fact]
    public void A_batch_with_any_part_missing_has_not_landed()
    {
        var batch = new ChangeBatch([
            new RecordChange(ChangeAction.Create, A("a.example.com", "192.0.2.1", "x")),
            new RecordChange(ChangeAction.Delete, A("a.example.com", "192.0.2.9", "old"))]);

        // The deleted record is still there: nothing of the batch happened (the create is someone else's equal record).
        Assert.False(ChangeBatchSubmitter.HasLanded(batch, [A("a.example.com", "192.0.2.1", "x"), A("a.example.com", "192.0.2.9", "old")]));
        Assert.False(ChangeBatchSubmitter.HasLanded(batch, []));
    }

    [Fact]
    public void A_batch_of_another_zone_than_the_trees_has_landed_when_that_zone_holds_it()
    {
        // The plan marks records of another zone than the tree's; the zone read back lists them without.
        var batch = new ChangeBatch([new RecordChange(ChangeAction.Create, A("a.example.org", "192.0.2.1", "x") with { Zone = "ZOTHER" })]);

        Assert.True(ChangeBatchSubmitter.HasLanded(batch, [A("a.example.org", "192.0.2.1", "x")]));
        Assert.False(ChangeBatchSubmitter.HasLanded(batch, []));
    }

    [Fact]
    public void A_record_at_the_key_with_other_values_is_not_the_batch_having_landed()
    {
        var batch = new ChangeBatch([new RecordChange(ChangeAction.Upsert, A("a.example.com", "192.0.2.1"))]);

        Assert.False(ChangeBatchSubmitter.HasLanded(batch, [A("a.example.com", "192.0.2.7")]));
        Assert.True(ChangeBatchSubmitter.HasLanded(batch, [A("a.example.com", "192.0.2.1")]));
    }

    [Fact]
    public void A_key_deleted_and_created_again_in_one_batch_has_landed_when_the_new_record_is_there()
    {
        var batch = new ChangeBatch([
            new RecordChange(ChangeAction.Delete, A("a.example.com", "192.0.2.9")),
            new RecordChange(ChangeAction.Create, A("a.example.com", "192.0.2.1"))]);

        Assert.True(ChangeBatchSubmitter.HasLanded(batch, [A("a.example.com", "192.0.2.1")]));
        Assert.False(ChangeBatchSubmitter.HasLanded(batch, [A("a.example.com", "192.0.2.9")]));
    }
}
